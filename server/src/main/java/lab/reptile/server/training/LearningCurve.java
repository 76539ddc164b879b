package lab.reptile.server.training;

import lab.reptile.model.ValidationPoint;

import java.util.ArrayList;
import java.util.List;
import lab.reptile.model.Evaluation;
import lab.reptile.model.MetaLearner;
import lab.reptile.model.Params;

/**
 * The run's learning curve: validation MSE after 8 inner steps on a small fixed set of 25 held-out tasks, recorded
 * against tasks done. Owned by the trainer thread; readers get copies.
 */
public final class LearningCurve {
    static final long SEED = 7_777L;
    static final int TASKS = 25;
    private static final int[] STEPS = {8};
    /** The most points a curve keeps (its start and the newest). */
    public static final int MAX_POINTS = 2_000;

    private final List<ValidationPoint> points;

    public LearningCurve() {
        this(List.of());
    }

    /** A curve that continues {@code earlier} (a resumed run's). */
    public LearningCurve(List<ValidationPoint> earlier) {
        points = new ArrayList<>(earlier);
    }

    /**
     * Measures the learner's current weights, once per task count: a run resumed at its last point (killed while
     * its report was computed) does not record that point twice. Non-finite weights are not measured.
     */
    public void record(MetaLearner learner) {
        Params weights = learner.metaWeights();
        boolean recorded = !points.isEmpty() && points.get(points.size() - 1).tasksDone() == learner.tasksDone();
        if (recorded || !weights.isFinite()) {
            return;
        }
        points.add(measure(weights, learner.tasksDone()));
        if (points.size() > MAX_POINTS) {
            points.remove(1); // keep the start of the curve, drop the oldest of the rest
        }
    }

    /** The curve's point for {@code weights} after {@code tasksDone} tasks (also to rebuild a damaged curve). */
    public static ValidationPoint measure(Params weights, long tasksDone) {
        return new ValidationPoint(tasksDone, Evaluation.evaluate(weights, SEED, TASKS, Evaluation.DEFAULT_LR, STEPS)
                .meanAt(8));
    }

    void clear() {
        points.clear();
    }

    public List<ValidationPoint> points() {
        return List.copyOf(points);
    }

    /** The latest MSE for the log, or "n/a". */
    public String latest() {
        return points.isEmpty() ? "n/a" : String.format("%.4f", points.get(points.size() - 1).mseAt8());
    }
}
