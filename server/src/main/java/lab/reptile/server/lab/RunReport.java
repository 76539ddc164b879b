package lab.reptile.server.lab;

import java.util.function.Function;
import lab.reptile.model.Evaluation;
import lab.reptile.model.NetShape;
import lab.reptile.model.Params;

/**
 * The evaluation protocol's table of a finished run's final meta-weights beside the same table for a random init:
 * held-out tasks from {@link Evaluation#DEFAULT_SEED} ({@link #TASKS} in the lab), lr 0.02, k in
 * {@link Evaluation#STEPS}.
 */
public record RunReport(Evaluation.Table meta, Evaluation.Table randomInit) {
    public static final int TASKS = 500;

    /**
     * The lab's reports on {@code tasks} held-out tasks, for nets of {@code shape}: the random-init column is
     * computed once, on first use, and shared by every report.
     */
    public static Function<Params, RunReport> reporter(NetShape shape, int tasks) {
        Evaluation.Table[] randomInit = new Evaluation.Table[1];
        return weights -> {
            synchronized (randomInit) {
                if (randomInit[0] == null) {
                    randomInit[0] = randomInitTable(shape, tasks);
                }
            }
            return new RunReport(evaluate(weights, tasks), randomInit[0]);
        };
    }

    /** The protocol's table for {@code weights} on {@code tasks} held-out tasks. */
    public static Evaluation.Table evaluate(Params weights, int tasks) {
        return Evaluation.evaluate(weights, Evaluation.DEFAULT_SEED, tasks, Evaluation.DEFAULT_LR);
    }

    /** The random-init baseline's table for nets of {@code shape} (the page's and the evaluate command's net). */
    public static Evaluation.Table randomInitTable(NetShape shape, int tasks) {
        return evaluate(Evaluation.randomInit(shape, Evaluation.DEFAULT_SEED + 1), tasks);
    }
}
