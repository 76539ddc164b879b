package lab.reptile.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import lab.reptile.model.Evaluation;
import lab.reptile.model.EvaluationProtocol;
import lab.reptile.model.SineFamily;
import lab.reptile.model.SineTask;
import lab.reptile.model.SupportSet;

/**
 * How low a protocol's MSE after one step can go for a fixed-kernel smoother of the support targets, the
 * first-order part of any gradient step: from weights θ, one step at lr η changes the net's curve by
 * f₁(x) − f₀(x) = (2η / K) Σᵢ Θ(x, xᵢ) (yᵢ − f₀(xᵢ)) + O(η²), with Θ the net's tangent kernel at θ, a kernel that
 * does not depend on the task. (Least squares on the K points is linear in y too, but its weights depend on the
 * x's through a matrix inverse: no single step is that.) Over a rich basis B (1, sin x, cos x and
 * {@code harmonics} Fourier pairs of period 20), every kernel k(x, x') = B(x)ᵀ C B(x') is fitted at once: C
 * minimises the query MSE of f(x) = B(x)ᵀ C z, z = (1/K) Σᵢ B(xᵢ) yᵢ, over many sampled tasks (normal equations
 * G C S = M), then is scored on the protocol's held-out tasks. The score estimates the best kernel in the basis's
 * span; that it barely moves as the basis grows is the evidence that no other kernel does much better. For the
 * demo's family an offset f₀ cannot help: it is symmetric under y → −y (phase + π), so E[y | x's] = 0. Only the
 * O(η²) terms of a step, quadratic in the residual, can get below this floor.
 *
 * <p>Also prints linearised gradient descent with the family's own kernel c·cos(x − x') (the span of its curves,
 * {sin x, cos x}), as the best case for k > 1 steps. Usage: {@code OneStepFloor [fitTasks=200000]}.
 */
public final class OneStepFloor {
    private static final double PERIOD = 2 * (SineFamily.X_MAX - SineFamily.X_MIN);
    private static final long FIT_SEED = 7;

    private OneStepFloor() {
    }

    public static void main(String[] args) {
        int fitTasks = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        EvaluationProtocol demo = EvaluationProtocol.DEMO;
        System.out.printf(Locale.ROOT, "protocol %s: K = %d, %d held-out tasks (seed %d); kernels fitted on %d tasks%n",
                demo.name(), demo.supportPoints(), demo.tasks(), demo.seed(), fitTasks);
        for (int harmonics : new int[] {4, 8, 12, 16}) {
            Evaluation.Row floor = linearFloor(demo, harmonics, fitTasks, FIT_SEED);
            System.out.printf(Locale.ROOT, "best fixed-kernel one-step smoother, basis of %2d functions: MSE %.4f ± %.4f%n",
                    3 + 2 * harmonics, floor.mean(), floor.ci95());
        }
        Evaluation.Row population = linearFloor(demo.withTasks(100_000).withSeed(FIT_SEED + 1), 12, fitTasks, FIT_SEED);
        System.out.printf(Locale.ROOT, "the same, 27 functions, on 100,000 fresh tasks:  MSE %.4f ± %.4f%n",
                population.mean(), population.ci95());
        int[] steps = {1, 2, 8};
        System.out.printf(Locale.ROOT,
                "%nlinearised GD with the kernel c·cos(x − x'), a step f += (c/K) k(·, X)(y − f(X)):%n");
        System.out.printf(Locale.ROOT, "%6s %9s %9s %9s%n", "c", "MSE@1", "MSE@2", "MSE@8");
        for (int i = 10; i <= 24; i++) {
            double c = i / 10.0;
            double[] mse = cosineKernelMse(demo, c, steps);
            System.out.printf(Locale.ROOT, "%6.1f %9.4f %9.4f %9.5f%n", c, mse[0], mse[1], mse[2]);
        }
    }

    /** 3 + 2·harmonics basis functions at x: 1, sin x, cos x, then cos and sin of 2πjx / 20 for j = 1..harmonics. */
    static double[] basis(double x, int harmonics) {
        double[] b = new double[3 + 2 * harmonics];
        b[0] = 1;
        b[1] = Math.sin(x);
        b[2] = Math.cos(x);
        for (int j = 1; j <= harmonics; j++) {
            double w = 2 * Math.PI * j / PERIOD;
            b[1 + 2 * j] = Math.cos(w * x);
            b[2 + 2 * j] = Math.sin(w * x);
        }
        return b;
    }

    /**
     * The best kernel's held-out one-step MSE under {@code protocol}: fitted on {@code fitTasks} tasks drawn from
     * {@code fitSeed}, scored on the protocol's tasks (its seed, K, family and query grid, as {@code Evaluation}).
     */
    public static Evaluation.Row linearFloor(EvaluationProtocol protocol, int harmonics, int fitTasks, long fitSeed) {
        int p = 3 + 2 * harmonics;
        double[] queryX = SineFamily.linspace(protocol.queryPoints());
        double[][] queryB = new double[queryX.length][]; // [query points][p]
        double[][] g = new double[p][p];                  // Σ_q B(x_q) B(x_q)ᵀ over the query grid
        for (int q = 0; q < queryX.length; q++) {
            queryB[q] = basis(queryX[q], harmonics);
            addOuter(g, queryB[q], queryB[q]);
        }
        double[][] s = new double[p][p]; // Σ_tasks z zᵀ
        double[][] m = new double[p][p]; // Σ_tasks (Σ_q B(x_q) y_q) zᵀ
        Random rng = new Random(fitSeed);
        double[] queryY = new double[queryX.length];
        for (int t = 0; t < fitTasks; t++) {
            double[] z = supportFeatures(protocol, rng, harmonics, queryX, queryY);
            double[] target = new double[p];
            for (int q = 0; q < queryX.length; q++) {
                for (int a = 0; a < p; a++) {
                    target[a] += queryB[q][a] * queryY[q];
                }
            }
            addOuter(s, z, z);
            addOuter(m, target, z);
        }
        // C = G⁻¹ M S⁻¹, both symmetric positive definite (a tiny ridge keeps the near-collinear basis solvable)
        double[][] c = transpose(SpdSolve.solve(s, transpose(SpdSolve.solve(g, m))));
        Random held = new Random(protocol.seed());
        double[] mse = new double[protocol.tasks()];
        for (int t = 0; t < mse.length; t++) {
            double[] z = supportFeatures(protocol, held, harmonics, queryX, queryY);
            double[] cz = times(c, z);
            double sum = 0;
            for (int q = 0; q < queryX.length; q++) {
                double err = dot(queryB[q], cz) - queryY[q];
                sum += err * err;
            }
            mse[t] = sum / queryX.length;
        }
        return Evaluation.summarise(1, mse);
    }

    /**
     * Mean query MSE after each of {@code steps} (ascending, from 0) steps of linearised GD from f = 0 with the kernel
     * c·cos(x − x'), on the protocol's held-out tasks.
     */
    public static double[] cosineKernelMse(EvaluationProtocol protocol, double c, int[] steps) {
        for (int r = 0; r < steps.length; r++) {
            if (steps[r] < 0 || (r > 0 && steps[r] <= steps[r - 1])) {
                throw new IllegalArgumentException("steps must be ascending from 0, got " + Arrays.toString(steps));
            }
        }
        int k = protocol.supportPoints();
        double[] queryX = SineFamily.linspace(protocol.queryPoints());
        double[] out = new double[steps.length];
        Random rng = new Random(protocol.seed());
        for (int t = 0; t < protocol.tasks(); t++) {
            SupportSet support = SupportSet.draw(protocol, rng);
            SineTask task = support.task();
            double[] xs = support.xs();
            double[] ys = support.ys();
            // f is a·sin x + b·cos x throughout: cos(x − x') = sin x sin x' + cos x cos x'
            double a = 0;
            double b = 0;
            int row = 0;
            for (int step = 0; row < steps.length; step++) {
                if (step == steps[row]) {
                    double sum = 0;
                    for (double x : queryX) {
                        double err = a * Math.sin(x) + b * Math.cos(x) - task.y(x);
                        sum += err * err;
                    }
                    out[row++] += sum / queryX.length / protocol.tasks();
                    if (row == steps.length) {
                        break;
                    }
                }
                double da = 0;
                double db = 0;
                for (int i = 0; i < k; i++) {
                    double r = ys[i] - (a * Math.sin(xs[i]) + b * Math.cos(xs[i]));
                    da += c / k * Math.sin(xs[i]) * r;
                    db += c / k * Math.cos(xs[i]) * r;
                }
                a += da;
                b += db;
            }
        }
        return out;
    }

    /** Draws a task and its K support points as {@code Evaluation} does; fills queryY; returns z = mean B(xᵢ) yᵢ. */
    private static double[] supportFeatures(EvaluationProtocol protocol, Random rng, int harmonics, double[] queryX,
                                            double[] queryY) {
        SupportSet support = SupportSet.draw(protocol, rng);
        int k = support.xs().length;
        double[] z = new double[3 + 2 * harmonics];
        for (int i = 0; i < k; i++) {
            double[] b = basis(support.xs()[i], harmonics);
            for (int a = 0; a < z.length; a++) {
                z[a] += b[a] * support.ys()[i] / k;
            }
        }
        for (int q = 0; q < queryX.length; q++) {
            queryY[q] = support.task().y(queryX[q]);
        }
        return z;
    }

    private static void addOuter(double[][] into, double[] u, double[] v) {
        for (int i = 0; i < u.length; i++) {
            for (int j = 0; j < v.length; j++) {
                into[i][j] += u[i] * v[j];
            }
        }
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static double[] times(double[][] a, double[] v) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = dot(a[i], v);
        }
        return out;
    }

    private static double dot(double[] u, double[] v) {
        double sum = 0;
        for (int i = 0; i < u.length; i++) {
            sum += u[i] * v[i];
        }
        return sum;
    }
}
