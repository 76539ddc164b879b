#!/usr/bin/env bash
# Runs every test (unit, real HTTP, real browser, real PostgreSQL) on a fresh Debian machine with Java 17 and Maven:
# installs Debian's Chromium, its driver, nginx (for the reverse-proxy test) and PostgreSQL (for the store's tests)
# first when they are missing (as root, or through sudo), then `mvn -B verify`.
# Extra arguments go to Maven, e.g. `./test-all.sh -o` for an offline build.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
# Debian keeps PostgreSQL's server binaries off PATH, under /usr/lib/postgresql/<version>/bin (PostgresCluster).
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  echo "test-all: installing Debian packages for the browser, proxy and database tests: ${missing[*]}"
  # The tests start their own nginx and PostgreSQL on free ports, so the packages' services need not start: a
  # policy-rc.d that denies it, for this install only (Docker images ship one). Without it, postgresql's postinst
  # starts a cluster on 5432 and fails the install when that port is taken or, in a container, no init can start it.
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    "${as_root[@]}" sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
    trap '"${as_root[@]}" rm -f "$policy"' EXIT
  fi
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  if [ "$(trap -p EXIT)" ]; then # exec below would skip the EXIT trap
    "${as_root[@]}" rm -f "$policy"
    trap - EXIT
  fi
fi

exec mvn -B verify "$@"
