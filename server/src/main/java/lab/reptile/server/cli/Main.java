package lab.reptile.server.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import lab.reptile.model.ReptileConfig;
import lab.reptile.server.baseline.PretrainConfig;
import lab.reptile.server.baseline.PretrainedBaseline;
import lab.reptile.server.http.ReptileServer;
import lab.reptile.server.http.ServerOptions;
import lab.reptile.server.lab.FileImport;
import lab.reptile.server.lab.Lab;
import lab.reptile.server.lab.LabOptions;
import lab.reptile.server.store.Database;
import lab.reptile.server.training.Learners;
import lab.reptile.server.training.NativeTuning;
import lab.reptile.server.training.Presets;
import lab.reptile.server.training.TrainingDefaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Command-line entry point: resumes or starts training, serves the web app, logs the URL to open. */
public final class Main {
    /** How long after start-up the pretrained baseline begins to train. */
    static final Duration PRETRAIN_DELAY = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        if (args.length > 0 && args[0].equals("evaluate")) {
            System.exit(EvaluateCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
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
        NativeTuning.apply();
        LOG.info("ND4J uses {} OpenMP thread(s)", NativeTuning.ompThreads());
        Database database;
        try {
            database = openDatabase(cli);
        } catch (IllegalStateException e) {
            LOG.error("{}", e.getMessage());
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        boolean explicitConfig = cli.seed() != null || cli.tasks() != null || cli.preset() != null;
        Lab lab = Lab.open(database, true, new LabOptions(cli.lab(), Learners.dl4j(),
                cli.role().trains() ? cli.trainers() : 0, workerName(cli), cli.checkpointSeconds() * 1_000_000_000L,
                LabOptions.standardReporter(), cli.role().trains()
                        ? Optional.of(new LabOptions.DefaultRun(requestedConfig(cli), explicitConfig, cli.fresh()))
                        : Optional.empty()));
        ServerOptions options = new ServerOptions(cli.host(), cli.port(), cli.adminToken(), cli.trustProxy());
        ReptileServer server;
        if (cli.role().serves()) {
            // Trained in its own thread once the default run has had both cores for its first seconds (on 2 cores,
            // the pretrainer and the JIT at start-up left the served weights at MSE@8 0.20-0.54 after 5 s instead
            // of 0.06-0.10: README, "Quality against the MAML paper's table"); served once ready.
            PretrainedBaseline pretrained = PretrainedBaseline.start(PretrainConfig.defaults(), TrainingDefaults.SHAPE,
                    PRETRAIN_DELAY);
            server = new ReptileServer(options, lab, pretrained);
        } else {
            server = ReptileServer.forWorker(options, lab);
        }
        server.start();
        lab.start();
        GracefulStop.install(server, lab);
        String shownHost = cli.host().equals("0.0.0.0") ? "localhost" : cli.host();
        if (cli.role().serves()) {
            LOG.info("Reptile Sine Lab is up: open http://{}:{}/", shownHost, server.port());
        } else {
            LOG.info("worker {} is up: health at http://{}:{}/healthz", lab.workerName(), shownHost, server.port());
        }
        if (cli.role().serves() && (cli.adminToken() == null || cli.adminToken().isEmpty())) {
            LOG.info("no admin token configured: POST /api/training/* and DELETE /api/runs/* are disabled");
            if (!server.isLoopbackOnly()) {
                LOG.warn("listening on {} without an admin token: training control is disabled", cli.host());
            }
        }
        Thread.currentThread().join();
    }

    /**
     * The database of --db, or the embedded one in the data dir; either imports, once, the runs an old release kept
     * as files in the data dir (into a database without runs: see {@link FileImport}).
     */
    private static Database openDatabase(CommandLine cli) throws IOException {
        Path dataDir = Path.of(cli.dataDir());
        Database database;
        if (cli.db() != null) {
            database = Database.open(cli.db(), cli.dbUser(), cli.dbPassword());
        } else {
            java.nio.file.Files.createDirectories(dataDir);
            database = Database.open(Database.embeddedUrl(dataDir), cli.dbUser(), cli.dbPassword());
        }
        try {
            FileImport.importOnce(database, dataDir, LabOptions.standardReporter());
        } catch (IllegalStateException e) {
            database.close();
            throw e;
        }
        return database;
    }

    private static String workerName(CommandLine cli) {
        if (!cli.role().trains()) {
            return null;
        }
        return cli.workerName() != null ? cli.workerName() : hostName() + ":" + ProcessHandle.current().pid();
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    private static ReptileConfig requestedConfig(CommandLine cli) {
        ReptileConfig config = cli.preset() != null ? Presets.named(cli.preset()) : TrainingDefaults.config();
        if (cli.seed() != null) {
            config = config.withSeed(cli.seed());
        }
        if (cli.tasks() != null) {
            config = config.withTasks(Math.max(config.metaBatchSize(), cli.tasks() - cli.tasks() % config.metaBatchSize()));
        }
        return config;
    }
}
