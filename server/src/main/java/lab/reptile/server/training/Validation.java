package lab.reptile.server.training;

import lab.reptile.model.Evaluation;
import lab.reptile.model.Params;

/** The small fixed validation set behind the learning curve: MSE after 8 inner steps on 25 held-out tasks. */
final class Validation {
    static final long SEED = 7_777L;
    static final int TASKS = 25;
    private static final int[] STEPS = {8};

    private Validation() {
    }

    static double mseAt8(Params weights) {
        return Evaluation.evaluate(weights, SEED, TASKS, Evaluation.DEFAULT_LR, STEPS).meanAt(8);
    }
}
