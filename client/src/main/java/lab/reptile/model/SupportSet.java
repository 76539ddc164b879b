package lab.reptile.model;

import java.util.Random;

/**
 * One held-out task of an evaluation protocol and its K support points, drawn in the protocol's order: the task
 * from its family, then each x ~ U[−5, 5] in turn. Everything that scores the protocol's tasks draws them here, so
 * they all see the same tasks for the same seed.
 *
 * @param task the curve y = A·sin(x + φ)
 * @param xs   the K support x
 * @param ys   task.y at each support x
 */
public record SupportSet(SineTask task, double[] xs, double[] ys) {
    /** Draws the next task of {@code protocol} and its support points from {@code rng}. */
    public static SupportSet draw(EvaluationProtocol protocol, Random rng) {
        SineTask task = protocol.family().sample(rng);
        int k = protocol.supportPoints();
        double[] xs = new double[k];
        double[] ys = new double[k];
        for (int i = 0; i < k; i++) {
            xs[i] = SineFamily.uniformX(rng);
            ys[i] = task.y(xs[i]);
        }
        return new SupportSet(task, xs, ys);
    }
}
