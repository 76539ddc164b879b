package lab.reptile.server.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.TrainerStart;
import lab.reptile.server.baseline.PretrainConfig;
import lab.reptile.server.baseline.PretrainedBaseline;
import lab.reptile.server.checkpoint.Checkpoint;
import lab.reptile.server.checkpoint.CheckpointStore;
import lab.reptile.server.http.ReptileServer;
import lab.reptile.server.http.ServerOptions;
import lab.reptile.server.training.Learners;
import lab.reptile.server.training.TrainingDefaults;
import lab.reptile.server.training.TrainingRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Command-line entry point: resumes or starts training, serves the web app, logs the URL to open. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
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
        CheckpointStore store = new CheckpointStore(Path.of(cli.dataDir()));
        ReptileConfig config = requestedConfig(cli);
        TrainerStart start = null;
        Optional<Checkpoint> checkpoint = cli.fresh() ? Optional.empty() : store.loadNewest();
        if (checkpoint.isPresent()) {
            boolean sameRun = checkpoint.get().config().equals(config);
            if (sameRun || (cli.seed() == null && cli.tasks() == null)) {
                config = checkpoint.get().config();
                start = checkpoint.get().start();
                LOG.info("resuming from {} tasks (checkpoint in {})", checkpoint.get().tasksDone(), store.dir());
            } else {
                LOG.info("the checkpoint in {} is for another run; starting this one fresh", store.dir());
            }
        }
        TrainingRunner runner = new TrainingRunner(config, start, Learners.dl4j(),
                learner -> store.save(Checkpoint.of(learner)), cli.checkpointSeconds() * 1_000_000_000L);
        // Trained in its own thread while the server starts and meta-training runs; served once ready.
        PretrainedBaseline pretrained = PretrainedBaseline.start(PretrainConfig.defaults(), TrainingDefaults.SHAPE);
        ReptileServer server = new ReptileServer(new ServerOptions(cli.host(), cli.port(), cli.adminToken()), runner,
                pretrained);
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
            if (!server.isLoopbackOnly()) {
                LOG.warn("listening on {} without an admin token: training control is disabled", cli.host());
            }
        }
        Thread.currentThread().join();
    }

    private static ReptileConfig requestedConfig(CommandLine cli) {
        ReptileConfig config = TrainingDefaults.config();
        if (cli.seed() != null) {
            config = config.withSeed(cli.seed());
        }
        if (cli.tasks() != null) {
            config = config.withTasks(Math.max(config.metaBatchSize(), cli.tasks() - cli.tasks() % config.metaBatchSize()));
        }
        return config;
    }
}
