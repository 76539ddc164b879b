package lab.reptile.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import lab.reptile.model.Evaluation;
import lab.reptile.model.EvaluationProtocol;
import lab.reptile.model.Mlp;
import lab.reptile.model.NetShape;
import lab.reptile.model.Params;
import lab.reptile.model.SineFamily;
import lab.reptile.model.SupportSet;

/**
 * A reference, not a trainer the server uses: second-order MAML (Finn, Abbeel &amp; Levine 2017) trained for the demo
 * protocol with our net, to show what directly optimising the protocol's loss after {@code steps} steps reaches.
 * Per task: {@code steps} full-batch SGD steps at the protocol's lr on its K random support points, then the query
 * loss's gradient (on 50 evenly spaced x; the protocol scores 100) carried back through every step, (I − lr·H) v,
 * with the Hessian-vector product by central differences of the support gradient. Meta-batches of {@code metaBatch} tasks, Adam at
 * lr 0.001 annealed linearly to 0 (the paper's optimiser and lr).
 *
 * <p>Usage: {@code MamlReference [tasks=200000] [metaBatch=10] [steps=1] [seed=1]}; prints the demo protocol's
 * MSE@1/2/8 on 200 of its held-out tasks every 50,000 tasks and on all 500 at the end.
 */
public final class MamlReference {
    private static final double ADAM_LR = 0.001;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final int QUERY_POINTS = 50;
    private static final int REPORT_EVERY_TASKS = 50_000;

    private MamlReference() {
    }

    public static void main(String[] args) {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int metaBatch = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        if (tasks % metaBatch != 0) {
            throw new IllegalArgumentException(
                    "tasks must be a multiple of metaBatch (" + metaBatch + "), got " + tasks);
        }
        EvaluationProtocol demo = EvaluationProtocol.DEMO.withSteps(1, 2, 8);
        System.out.printf(Locale.ROOT, "second-order MAML, %d tasks in meta-batches of %d, %d step(s) at lr %.3f on "
                + "K = %d, Adam %.4f -> 0, seed %d%n", tasks, metaBatch, steps, demo.lr(), demo.supportPoints(),
                ADAM_LR, seed);
        NetShape shape = NetShape.STANDARD;
        Random rng = new Random(seed);
        double[] theta = Params.initial(shape, rng).toArray();
        Mlp mlp = new Mlp(shape);
        Adam adam = new Adam(theta.length);
        double[] queryX = SineFamily.linspace(QUERY_POINTS);
        double[] queryY = new double[QUERY_POINTS];
        double[] batchGradient = new double[theta.length];
        long start = System.nanoTime();
        int iterations = tasks / metaBatch;
        for (int it = 0; it < iterations; it++) {
            Arrays.fill(batchGradient, 0);
            for (int j = 0; j < metaBatch; j++) {
                SupportSet support = SupportSet.draw(demo, rng);
                for (int q = 0; q < QUERY_POINTS; q++) {
                    queryY[q] = support.task().y(queryX[q]);
                }
                double[] g = metaGradient(mlp, theta, support.xs(), support.ys(), queryX, queryY, steps, demo.lr());
                for (int p = 0; p < theta.length; p++) {
                    batchGradient[p] += g[p] / metaBatch;
                }
            }
            adam.step(theta, batchGradient, ADAM_LR * (1 - (double) it / iterations));
            int done = (it + 1) * metaBatch;
            if (done / REPORT_EVERY_TASKS > (done - metaBatch) / REPORT_EVERY_TASKS && it + 1 < iterations) {
                report("after " + done + " tasks (200 held-out)", theta, demo.withTasks(200), start);
            }
        }
        report("final (" + demo.tasks() + " held-out)", theta, demo, start);
    }

    /**
     * ∇θ of the query MSE after {@code steps} full-batch SGD steps at {@code lr} on the support points (xs, ys), from
     * θ; θ is not changed. Second order: the query gradient is multiplied by (I − lr·H_support) at each step's start.
     */
    public static double[] metaGradient(Mlp mlp, double[] theta, double[] xs, double[] ys, double[] queryX,
                                        double[] queryY, int steps, double lr) {
        double[][] starts = new double[steps][];
        double[] phi = theta.clone();
        for (int s = 0; s < steps; s++) {
            starts[s] = phi.clone();
            mlp.sgdStep(phi, xs, ys, 0, xs.length, lr);
        }
        mlp.lossAndGradient(phi, queryX, queryY, 0, queryX.length);
        double[] v = mlp.gradient().clone();
        for (int s = steps - 1; s >= 0; s--) {
            double[] hv = hessianTimes(mlp, starts[s], v, xs, ys);
            for (int p = 0; p < v.length; p++) {
                v[p] -= lr * hv[p];
            }
        }
        return v;
    }

    /** H v for the support MSE's Hessian H at {@code at}: (∇L(at + h v) − ∇L(at − h v)) / 2h, h = 1e-4 / |v|. */
    static double[] hessianTimes(Mlp mlp, double[] at, double[] v, double[] xs, double[] ys) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        double h = 1e-4 / Math.max(Math.sqrt(norm), 1e-12);
        double[] probe = new double[at.length];
        for (int p = 0; p < at.length; p++) {
            probe[p] = at[p] + h * v[p];
        }
        mlp.lossAndGradient(probe, xs, ys, 0, xs.length);
        double[] plus = mlp.gradient().clone();
        for (int p = 0; p < at.length; p++) {
            probe[p] = at[p] - h * v[p];
        }
        mlp.lossAndGradient(probe, xs, ys, 0, xs.length);
        double[] minus = mlp.gradient();
        double[] hv = new double[at.length];
        for (int p = 0; p < at.length; p++) {
            hv[p] = (plus[p] - minus[p]) / (2 * h);
        }
        return hv;
    }

    private static void report(String label, double[] theta, EvaluationProtocol protocol, long start) {
        Evaluation.Table table = Evaluation.evaluate(Params.of(NetShape.STANDARD, theta.clone()), protocol);
        System.out.printf(Locale.ROOT, "%-30s demo MSE@1 %.4f  @2 %.4f  @8 %.5f  (%.0f s)%n", label, table.meanAt(1),
                table.meanAt(2), table.meanAt(8), (System.nanoTime() - start) / 1e9);
    }

    /** Adam (Kingma &amp; Ba) over a flat parameter array, bias-corrected, ε = 1e-8. */
    private static final class Adam {
        private final double[] m;
        private final double[] v;
        private long t;

        Adam(int size) {
            m = new double[size];
            v = new double[size];
        }

        void step(double[] params, double[] gradient, double lr) {
            t++;
            double c1 = 1 - Math.pow(BETA1, t);
            double c2 = 1 - Math.pow(BETA2, t);
            for (int p = 0; p < params.length; p++) {
                m[p] = BETA1 * m[p] + (1 - BETA1) * gradient[p];
                v[p] = BETA2 * v[p] + (1 - BETA2) * gradient[p] * gradient[p];
                params[p] -= lr * (m[p] / c1) / (Math.sqrt(v[p] / c2) + 1e-8);
            }
        }
    }
}
