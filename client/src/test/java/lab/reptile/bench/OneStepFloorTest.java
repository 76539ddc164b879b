package lab.reptile.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lab.reptile.model.Evaluation;
import lab.reptile.model.EvaluationProtocol;
import org.junit.jupiter.api.Test;

/** The one-step floor is a real estimator's error: it falls with more support points and beats the family's kernel. */
class OneStepFloorTest {
    private static final int FIT_TASKS = 20_000;
    private final EvaluationProtocol demo = EvaluationProtocol.DEMO.withTasks(300);

    @Test
    void manySupportPointsTakeTheFloorNearZeroAndTenDoNot() {
        double tenPoints = OneStepFloor.linearFloor(demo, 4, FIT_TASKS, 3).mean();
        double hundredPoints = OneStepFloor.linearFloor(demo.withSupportPoints(100), 4, FIT_TASKS, 3).mean();
        assertTrue(tenPoints > 0.3, "K = 10: " + tenPoints);
        assertTrue(hundredPoints < 0.1, "K = 100: " + hundredPoints + " against " + tenPoints + " at K = 10");
    }

    @Test
    void theFloorIsNoHigherThanTheFamilysOwnKernelAtItsBestScale() {
        double floor = OneStepFloor.linearFloor(demo, 4, FIT_TASKS, 3).mean();
        double bestKernel = Double.MAX_VALUE;
        for (int i = 10; i <= 24; i++) {
            bestKernel = Math.min(bestKernel, OneStepFloor.cosineKernelMse(demo, i / 10.0, new int[] {1})[0]);
        }
        // c·cos(x − x') = c(sin x sin x' + cos x cos x') lies in the basis's span; a little slack for the fit's noise
        assertTrue(floor <= bestKernel + 0.01, "floor " + floor + " against the kernel's " + bestKernel);
        assertTrue(floor > bestKernel - 0.05, "floor " + floor + " against the kernel's " + bestKernel);
    }

    @Test
    void linearisedStepsWithTheFamilysKernelConvergeToTheCurve() {
        double[] mse = OneStepFloor.cosineKernelMse(demo, 1.0, new int[] {0, 1, 8, 400});
        assertEquals(mse[0], OneStepFloor.cosineKernelMse(demo, 2.0, new int[] {0})[0], 0.0, "step 0 is f = 0");
        assertTrue(mse[0] > mse[1] && mse[1] > mse[2] && mse[2] > mse[3], java.util.Arrays.toString(mse));
        assertTrue(mse[3] < 1e-3, "after 400 steps: " + mse[3]);
    }

    @Test
    void theFloorIsTheSameForTheSameSeeds() {
        Evaluation.Row a = OneStepFloor.linearFloor(demo, 4, 2_000, 9);
        Evaluation.Row b = OneStepFloor.linearFloor(demo, 4, 2_000, 9);
        assertEquals(a, b);
    }
}
