package lab.reptile.server.cli;

import java.util.Map;

/**
 * The server's command-line options, parsed strictly: an unknown flag, a missing value or a bad number is an error
 * that names it.
 */
record CommandLine(String host, int port, Long seed, Integer tasks, String adminToken, String dataDir, boolean fresh,
                   int checkpointSeconds, boolean help) {
    static final String USAGE = """
            Usage: java -jar server/target/reptile-server.jar [options]
                   java -jar server/target/reptile-server.jar evaluate --help

            Meta-trains a 1-64-64-1 tanh net with Reptile on random sine curves and serves the demo page.

              --port N          TCP port to listen on (default 8080; 0 picks a free one)
              --host H          interface to bind (default 127.0.0.1; 0.0.0.0 for every interface)
              --seed S          random seed of the training run (default 1)
              --tasks N         tasks to meta-train on before stopping (default 60000)
              --admin-token T   bearer token that enables POST /api/training/{pause,resume,reset}
                                (default: the REPTILE_ADMIN_TOKEN environment variable; none disables them)
              --data-dir D      where checkpoints are kept (default ./data); a restart resumes from them
              --fresh           ignore existing checkpoints and start training over
              --checkpoint-every S   seconds between checkpoints while training (default 10)
              --help            print this help and exit
            """;

    static CommandLine parse(String[] args, Map<String, String> env) {
        String host = "127.0.0.1";
        int port = 8080;
        Long seed = null;
        Integer tasks = null;
        String token = env.get("REPTILE_ADMIN_TOKEN");
        String dataDir = "data";
        boolean fresh = false;
        int checkpointSeconds = 10;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                return new CommandLine(host, port, seed, tasks, token, dataDir, fresh, checkpointSeconds, true);
            }
            if (flag.equals("--fresh")) {
                fresh = true;
                continue;
            }
            String value = Flags.value(args, i++);
            switch (flag) {
                case "--port" -> port = (int) Flags.whole(flag, value, 0, 65_535);
                case "--host" -> host = value;
                case "--seed" -> seed = Flags.whole(flag, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--tasks" -> tasks = (int) Flags.whole(flag, value, 1, 100_000_000);
                case "--admin-token" -> token = value;
                case "--data-dir" -> dataDir = value;
                case "--checkpoint-every" -> checkpointSeconds = (int) Flags.whole(flag, value, 1, 86_400);
                default -> throw new IllegalArgumentException("unknown option " + flag + " (see --help)");
            }
        }
        return new CommandLine(host, port, seed, tasks, token, dataDir, fresh, checkpointSeconds, false);
    }
}
