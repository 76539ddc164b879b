package lab.reptile.server.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lab.reptile.model.NetShape;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.TrainerStart;
import org.junit.jupiter.api.Test;

/** The working memory a trainer's config asks for, as admission estimates it, against what ND4J allocates. */
class WorkingMemoryTest {
    private static final NetShape SHAPE = TrainingDefaults.SHAPE;

    private static ReptileConfig config(int metaBatchSize, int points, int batch, int support) {
        ReptileConfig.Builder builder = ReptileConfig.builder().seed(1).tasks(metaBatchSize * 100)
                .metaBatchSize(metaBatchSize).pointsPerTask(points).innerBatchSize(batch);
        if (support > 0) {
            builder.supportPoints(support).supportSteps(1).supportLr(0.01);
        }
        return builder.build();
    }

    @Test
    void aGraphsEstimateIsWhatItAllocates() {
        for (int[] tasksAndBatch : new int[][] {{1, 10}, {1, 3}, {4, 10}, {16, 50}}) {
            int tasks = tasksAndBatch[0];
            int batch = tasksAndBatch[1];
            UnitMajorLayout layout = new UnitMajorLayout(SHAPE);
            var phi = org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, tasks,
                    SHAPE.paramCount());
            MinibatchGraph graph = new MinibatchGraph(layout, tasks, batch, 0.02, phi);
            assertEquals(graph.allocatedBytes(), MinibatchGraph.bytes(SHAPE, tasks, batch),
                    tasks + " tasks, batch " + batch);
        }
    }

    @Test
    void aTrainersEstimateIsWhatItAllocates() {
        for (ReptileConfig config : new ReptileConfig[] {config(1, 50, 10, 0), config(8, 50, 10, 0),
                config(16, 100, 30, 10), config(32, 130, 100, 5)}) {
            Dl4jReptileTrainer trainer = new Dl4jReptileTrainer(config, TrainerStart.fromSeed(config, SHAPE));
            assertEquals(trainer.allocatedBytes(), Dl4jReptileTrainer.workingBytes(config), config.toString());
        }
    }

    @Test
    void theEstimateGrowsWithMetaBatchTimesMinibatch() {
        long small = Dl4jReptileTrainer.workingBytes(config(1, 50, 10, 0));
        long body = Dl4jReptileTrainer.workingBytes(config(200, 1_000, 1_000, 0)); // the 1.75 GB body
        assertTrue(small < 1 << 20, small + " bytes for the reference settings");
        assertTrue(body > 1_000L << 20, body + " bytes for 200 tasks of 1,000 points in one minibatch");
    }
}
