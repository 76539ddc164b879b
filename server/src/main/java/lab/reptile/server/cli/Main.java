package lab.reptile.server.cli;

import lab.reptile.model.ReptileConfig;
import lab.reptile.model.ReptileTrainer;
import lab.reptile.server.http.ReptileServer;
import lab.reptile.server.http.ServerOptions;
import lab.reptile.server.training.TrainingDefaults;
import lab.reptile.server.training.TrainingRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Command-line entry point: starts training and the web app, logs the URL to open. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        CommandLine cli;
        try {
            cli = CommandLine.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(CommandLine.USAGE);
            System.exit(2);
            return;
        }
        if (cli.help()) {
            System.out.print(CommandLine.USAGE);
            return;
        }
        ReptileConfig config = TrainingDefaults.config();
        if (cli.seed() != null) {
            config = config.withSeed(cli.seed());
        }
        if (cli.tasks() != null) {
            config = config.withTasks(cli.tasks() - cli.tasks() % config.metaBatchSize());
        }
        TrainingRunner runner = new TrainingRunner(config, c -> new ReptileTrainer(c, TrainingDefaults.SHAPE));
        ReptileServer server = new ReptileServer(new ServerOptions(cli.host(), cli.port(), cli.adminToken()), runner);
        server.start();
        runner.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            runner.close();
        }, "shutdown"));
        String shownHost = cli.host().equals("0.0.0.0") ? "localhost" : cli.host();
        LOG.info("Reptile Sine Lab is up: open http://{}:{}/", shownHost, server.port());
        if (cli.adminToken() == null || cli.adminToken().isEmpty()) {
            LOG.info("no admin token configured: POST /api/training/* control endpoints are disabled");
        }
        Thread.currentThread().join();
    }
}
