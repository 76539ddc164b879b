#!/usr/bin/env bash
# Runs every test (unit, real HTTP, real browser) on a fresh Debian machine with Java 17 and Maven: installs
# Debian's Chromium, its driver and nginx (for the reverse-proxy test) first when they are missing (as root, or through sudo), then `mvn -B verify`.
# Extra arguments go to Maven, e.g. `./test-all.sh -o` for an offline build.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  echo "test-all: installing Debian packages for the browser and proxy tests: ${missing[*]}"
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

exec mvn -B verify "$@"
