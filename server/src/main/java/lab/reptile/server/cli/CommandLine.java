package lab.reptile.server.cli;

import java.util.Map;
import lab.reptile.server.lab.LabLimits;
import lab.reptile.server.training.Presets;

/**
 * The server's command-line options, parsed strictly: an unknown flag, a missing value or a bad number is an error
 * that names it.
 *
 * @param seed  the default run's seed, or null for the default
 * @param tasks the default run's length, or null for the default
 * @param preset the default run's named hyperparameters (training.Presets), or null for the default run's own
 * @param lab   the limits on visitor runs
 */
record CommandLine(String host, int port, Long seed, Integer tasks, String preset, String adminToken, String dataDir, boolean fresh,
                   int checkpointSeconds, LabLimits lab, boolean trustProxy, int trainers, Role role, String workerName,
                   String db, String dbUser, String dbPassword, boolean help) {
    /** What a process does: everything (one process), the page and API, or training. */
    enum Role {
        ALL, WEB, WORKER;

        boolean trains() {
            return this != WEB;
        }

        boolean serves() {
            return this != WORKER;
        }

        static Role named(String name) {
            return switch (name) {
                case "all" -> ALL;
                case "web" -> WEB;
                case "worker" -> WORKER;
                default -> throw new IllegalArgumentException("--role must be all, web or worker, got \""
                        + Flags.shorten(name) + "\"");
            };
        }
    }

    static final String USAGE = """
            Usage: java -jar server/target/reptile-server.jar [options]
                   java -jar server/target/reptile-server.jar evaluate --help

            Meta-trains a 1-64-64-1 tanh net with Reptile on random sine curves and serves the demo page; visitors
            can start runs of their own (the lab), which train one after another.

              --port N          TCP port to listen on (default 8080; 0 picks a free one)
              --host H          interface to bind (default 127.0.0.1; 0.0.0.0 for every interface)
              --seed S          random seed of the default run (default 1)
              --tasks N         tasks the default run meta-trains on (default: the preset's)
              --preset NAME     the default run's hyperparameters: default, reference or maml-protocol
                                (see the README's quality section; --seed and --tasks override its values)
              --admin-token T   bearer token that enables POST /api/training/{pause,resume,reset} and
                                DELETE /api/runs/{id} (default: the REPTILE_ADMIN_TOKEN environment variable;
                                none disables them)
              --role R          all (default: serve and train in one process), web (the page and API; trains
                                nothing) or worker (trains runs; serves /healthz, /readyz, /metrics on --port)
              --db URL          the lab's database, a JDBC URL (default jdbc:h2:file:<data-dir>/lab: embedded,
                                one process only); for several processes jdbc:postgresql://host:port/db
              --db-user U       the database user (the password comes from REPTILE_DB_PASSWORD)
              --worker-name N   the unique name a worker trains under (default host:pid)
              --data-dir D      the embedded database's folder, and where an old release's files are imported
                                from on first start (default ./data); a restart resumes every run
              --fresh           start the default run over, ignoring its checkpoint
              --checkpoint-every S   seconds between checkpoints while training (default 10)
              --trainers N      runs a worker trains side by side (default 1)

            Limits on visitor runs:
              --lab on|off            off refuses visitor runs (default on)
              --lab-max-tasks N       most tasks one visitor run may train (default 100000)
              --lab-runs-per-hour N   runs one client may start per hour (default 3)
              --lab-queue N           most runs waiting to train (default 8)
              --lab-keep N            ended visitor runs kept, oldest removed first (default 20)
              --lab-disk-mb N         disk all runs may take, in MiB (default 512)
              --trust-proxy           take a client's address from X-Forwarded-For (only behind a proxy that
                                      sets it, e.g. deploy/nginx.conf)
              --help            print this help and exit
            """;

    static CommandLine parse(String[] args, Map<String, String> env) {
        String host = "127.0.0.1";
        int port = 8080;
        Long seed = null;
        Integer tasks = null;
        String preset = null;
        String token = env.get("REPTILE_ADMIN_TOKEN");
        String dataDir = "data";
        boolean fresh = false;
        int checkpointSeconds = 10;
        LabLimits defaults = LabLimits.DEFAULTS;
        boolean labOn = defaults.visitorRuns();
        int maxTasks = defaults.maxTasks();
        int runsPerHour = defaults.runsPerHour();
        int queue = defaults.queueLimit();
        int keep = defaults.keepFinished();
        long diskMiB = defaults.diskLimitBytes() >> 20;
        boolean trustProxy = false;
        int trainers = 1;
        Role role = Role.ALL;
        String workerName = null;
        String db = null;
        String dbUser = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                help = true;
                break;
            }
            switch (flag) {
                case "--fresh" -> fresh = true;
                case "--trust-proxy" -> trustProxy = true;
                default -> {
                    String value = Flags.value(args, i++);
                    switch (flag) {
                        case "--port" -> port = (int) Flags.whole(flag, value, 0, 65_535);
                        case "--host" -> host = value;
                        case "--seed" -> seed = Flags.whole(flag, value, Long.MIN_VALUE, Long.MAX_VALUE);
                        case "--tasks" -> tasks = (int) Flags.whole(flag, value, 1, 100_000_000);
                        case "--preset" -> preset = Presets.requireKnown(value);
                        case "--admin-token" -> token = value;
                        case "--data-dir" -> dataDir = value;
                        case "--checkpoint-every" -> checkpointSeconds = (int) Flags.whole(flag, value, 1, 86_400);
                        case "--trainers" -> trainers = (int) Flags.whole(flag, value, 1, 64);
                        case "--role" -> role = Role.named(value);
                        case "--worker-name" -> workerName = Flags.name(flag, value);
                        case "--db" -> db = Flags.jdbcUrl(flag, value);
                        case "--db-user" -> dbUser = value;
                        case "--lab" -> labOn = Flags.onOff(flag, value);
                        case "--lab-max-tasks" -> maxTasks = (int) Flags.whole(flag, value, 1, 100_000_000);
                        case "--lab-runs-per-hour" -> runsPerHour = (int) Flags.whole(flag, value, 0, 1_000_000);
                        case "--lab-queue" -> queue = (int) Flags.whole(flag, value, 0, 10_000);
                        case "--lab-keep" -> keep = (int) Flags.whole(flag, value, 0, 10_000);
                        case "--lab-disk-mb" -> diskMiB = Flags.whole(flag, value, 1, 1L << 30);
                        default -> throw new IllegalArgumentException("unknown option " + flag + " (see --help)");
                    }
                }
            }
        }
        LabLimits lab = new LabLimits(labOn, maxTasks, runsPerHour, queue, keep, diskMiB << 20);
        return new CommandLine(host, port, seed, tasks, preset, token, dataDir, fresh, checkpointSeconds, lab, trustProxy,
                trainers, role, workerName, db, dbUser, env.get("REPTILE_DB_PASSWORD"), help);
    }
}
