package lab.reptile.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The two protocols pinned (family, K, steps, lr, query grid, tasks), computed directly, and deterministic. */
class EvaluationProtocolTest {
    private final Params random = Params.initial(NetShape.STANDARD, new Random(4));

    @Test
    void theDemoProtocolIsDesignsTable() {
        EvaluationProtocol demo = EvaluationProtocol.DEMO;
        assertEquals(2 * Math.PI, demo.family().maxPhase());
        assertEquals(10, demo.supportPoints());
        assertEquals(0.02, demo.lr());
        assertArrayEquals(new int[] {0, 1, 2, 4, 8, 16, 32}, demo.steps());
        assertEquals(100, demo.queryPoints());
        assertEquals(500, demo.tasks());
        assertEquals(20_181_024L, demo.seed());
        assertEquals(demo, EvaluationProtocol.named("demo"));
    }

    @Test
    void theMamlProtocolIsThePapersTableTwo() {
        EvaluationProtocol maml = EvaluationProtocol.MAML;
        assertEquals(Math.PI, maml.family().maxPhase());
        assertEquals(5, maml.supportPoints());
        assertEquals(0.01, maml.lr());
        assertArrayEquals(new int[] {0, 1, 5, 10}, maml.steps());
        assertEquals(100, maml.queryPoints());
        assertEquals(600, maml.tasks());
        assertEquals(maml, EvaluationProtocol.named("maml"));
        assertEquals(10, maml.withSupportPoints(10).supportPoints());
        assertArrayEquals(new double[] {0.67, 0.38, 0.35}, PublishedResults.MAML);
        assertArrayEquals(new double[] {2.41, 2.23, 2.19}, PublishedResults.PRETRAINED);
    }

    @Test
    void theMamlFamilyDrawsPhasesOverHalfAPeriodOnly() {
        Random rng = new Random(2);
        double maxPhase = 0;
        for (int i = 0; i < 2000; i++) {
            SineTask task = SineFamily.MAML.sample(rng);
            assertTrue(task.phase() >= 0 && task.phase() < Math.PI, "phase " + task.phase());
            assertTrue(task.amplitude() >= 0.1 && task.amplitude() <= 5.0, "amplitude " + task.amplitude());
            maxPhase = Math.max(maxPhase, task.phase());
        }
        assertTrue(maxPhase > Math.PI - 0.05, "covers [0, π): max " + maxPhase);
    }

    @Test
    void mamlTablesMatchTheProtocolComputedDirectly() {
        EvaluationProtocol protocol = EvaluationProtocol.MAML.withTasks(30);
        Evaluation.Table table = Evaluation.evaluate(random, protocol);
        Random rng = new Random(protocol.seed());
        FullBatchSgd loop = new FullBatchSgd(NetShape.STANDARD);
        double[] queryX = SineFamily.linspace(100);
        double[][] mse = new double[4][30];
        int[] steps = {0, 1, 5, 10};
        for (int t = 0; t < 30; t++) {
            double amplitude = 0.1 + 4.9 * rng.nextDouble();
            double phase = Math.PI * rng.nextDouble();
            double[] xs = new double[5];
            double[] ys = new double[5];
            for (int i = 0; i < 5; i++) {
                xs[i] = -5 + 10 * rng.nextDouble();
                ys[i] = amplitude * Math.sin(xs[i] + phase);
            }
            double[] queryY = new double[100];
            for (int q = 0; q < 100; q++) {
                queryY[q] = amplitude * Math.sin(queryX[q] + phase);
            }
            for (int r = 0; r < 4; r++) {
                mse[r][t] = loop.mse(loop.adapt(random, new Points(xs, ys), steps[r], 0.01), new Points(queryX, queryY));
            }
        }
        for (int r = 0; r < 4; r++) {
            double mean = 0;
            for (double v : mse[r]) {
                mean += v / 30;
            }
            assertEquals(steps[r], table.rows().get(r).steps());
            assertEquals(mean, table.rows().get(r).mean(), 1e-12 * mean, "mean at k = " + steps[r]);
        }
    }

    @Test
    void evaluationIsDeterministicForASeedAndDiffersAcrossSeeds() {
        for (EvaluationProtocol protocol : new EvaluationProtocol[] {EvaluationProtocol.DEMO, EvaluationProtocol.MAML}) {
            EvaluationProtocol small = protocol.withTasks(20);
            Evaluation.Table table = Evaluation.evaluate(random, small);
            assertEquals(table, Evaluation.evaluate(random, small));
            assertNotEquals(table, Evaluation.evaluate(random, small.withSeed(small.seed() + 1)));
        }
    }

    @Test
    void badProtocolsAreRefusedByName() {
        assertEquals("unknown protocol \"paper\"; known: demo, maml",
                assertThrows(IllegalArgumentException.class, () -> EvaluationProtocol.named("paper")).getMessage());
        assertEquals("supportPoints must be from 1 to 1,000, got 0", assertThrows(IllegalArgumentException.class,
                () -> EvaluationProtocol.MAML.withSupportPoints(0)).getMessage());
        assertEquals("steps must be ascending in [0, 1000], got step 1", assertThrows(IllegalArgumentException.class,
                () -> EvaluationProtocol.MAML.withSteps(5, 1)).getMessage());
    }

    @Test
    void publishedColumnsSitBesideTheirStepsAtKFiveOnly() {
        double[] maml = PublishedResults.columns(new int[] {0, 1, 5, 10}, 5).get("MAML (paper)");
        assertTrue(Double.isNaN(maml[0]));
        assertArrayEquals(new double[] {0.67, 0.38, 0.35}, new double[] {maml[1], maml[2], maml[3]});
        assertTrue(PublishedResults.columns(new int[] {0, 1, 5, 10}, 10).isEmpty());
    }
}
