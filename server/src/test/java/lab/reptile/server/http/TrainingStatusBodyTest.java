package lab.reptile.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import lab.reptile.jackson.JacksonTree;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.TrainingStatus;
import lab.reptile.server.training.ConfigJson;
import lab.reptile.server.training.TrainingDefaults;
import java.time.Duration;
import java.time.Instant;
import lab.reptile.server.baseline.PretrainConfig;
import lab.reptile.server.baseline.PretrainedBaseline;
import java.util.Random;
import lab.reptile.model.NetShape;
import lab.reptile.model.Params;
import lab.reptile.model.ValidationPoint;
import lab.reptile.server.lab.Run;
import lab.reptile.server.lab.RunId;
import lab.reptile.server.lab.RunSpec;
import lab.reptile.server.lab.RunState;
import lab.reptile.server.lab.RunView;
import lab.reptile.server.lab.TestRuns;
import lab.reptile.server.snapshot.Snapshot;
import org.junit.jupiter.api.Test;

/** The body of GET /api/training is written from TrainingStatus and reads back with it, with the README's keys. */
class TrainingStatusBodyTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ReptileConfig CONFIG = TrainingDefaults.config();

    /** A run at 1,200 of the default run's tasks, its latest weights of version 7. */
    private static Run run(RunState state, String problem) {
        Snapshot latest = Snapshot.of(7, 1200, 1200, Params.initial(NetShape.STANDARD, new Random(1)));
        RunView view = new RunView(state, 1200, 1200, 5211.04, latest,
                List.of(new ValidationPoint(0, 4.25), new ValidationPoint(600, 0.1 + 0.2)), List.of(), null, problem, null);
        return TestRuns.run(new RunSpec(RunId.DEFAULT, CONFIG, RunSpec.Origin.SERVER, Instant.EPOCH), view);
    }

    private static List<String> keys(ObjectNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void theBodyHasTheDocumentedKeysAndReadsBackAsTheStatus() {
        Run run = run(RunState.RUNNING, null);
        ObjectNode body = TrainingEndpoints.statusJson(MAPPER, run.spec(), run.view(), "ready");
        assertEquals(List.of("state", "metaIteration", "tasksDone", "tasksTotal", "tasksPerSecond", "version",
                "history", "config", "pretrained"), keys(body));
        assertEquals(new TrainingStatus("running", 1200, 1200, CONFIG.tasks(), 5211.0, 7, null, List.of(
                new ValidationPoint(0, 4.25), new ValidationPoint(600, 0.1 + 0.2))),
                TrainingStatus.read(new JacksonTree(body)));
        assertEquals(CONFIG, ConfigJson.read(body.get("config")));
        assertEquals("{\"tasksDone\":600,\"mseAt8\":0.30000000000000004}", body.get("history").get(1).toString());
    }

    @Test
    void theProblemKeyIsThereOnlyWhenTrainingStoppedEarly() {
        Run run = run(RunState.DIVERGED, "weights became NaN");
        ObjectNode body = TrainingEndpoints.statusJson(MAPPER, run.spec(), run.view(), "ready");
        assertEquals(List.of("state", "metaIteration", "tasksDone", "tasksTotal", "tasksPerSecond", "version",
                "problem", "history", "config", "pretrained"), keys(body));
        assertEquals("weights became NaN", TrainingStatus.read(new JacksonTree(body)).problem());
        assertEquals("diverged", body.get("state").textValue());
    }

    @Test
    void thePretrainedKeySaysTrainingUntilTheBaselineIsReadyThenReady() throws Exception {
        assertEquals("none", TrainingEndpoints.pretrainedWord(null));
        PretrainConfig shortRun = PretrainConfig.defaults().withSteps(5);
        PretrainedBaseline held = PretrainedBaseline.start(shortRun, NetShape.STANDARD, Duration.ofHours(1));
        assertEquals("training", TrainingEndpoints.pretrainedWord(held));
        PretrainedBaseline trained = PretrainedBaseline.start(shortRun, NetShape.STANDARD);
        assertEquals(true, trained.await(60_000));
        assertEquals(PretrainedBaseline.State.READY, trained.state());
        assertEquals("ready", TrainingEndpoints.pretrainedWord(trained));
        Run run = run(RunState.RUNNING, null);
        assertEquals("ready", TrainingEndpoints.statusJson(MAPPER, run.spec(), run.view(),
                TrainingEndpoints.pretrainedWord(trained)).get("pretrained").textValue());
    }
}
