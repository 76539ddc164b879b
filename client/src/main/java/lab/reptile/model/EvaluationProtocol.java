package lab.reptile.model;

/**
 * How weights are judged: held-out tasks of a family drawn from a fixed seed, K support points x ~ U[−5, 5] per task,
 * k full-batch plain SGD steps at a learning rate from the weights, MSE on evenly spaced query x over [−5, 5].
 *
 * @param name         what the command line calls it ({@code --protocol demo|maml})
 * @param family       the tasks' distribution
 * @param supportPoints K, points the net adapts on
 * @param lr           learning rate of the adaptation's SGD steps
 * @param steps        k at which the MSE is reported, ascending
 * @param queryPoints  evenly spaced x, both ends included, on which the MSE is measured
 * @param tasks        held-out tasks in a table
 * @param seed         seed of the held-out tasks (support x, task parameters)
 */
public record EvaluationProtocol(String name, SineFamily family, int supportPoints, double lr, int[] steps,
                                 int queryPoints, int tasks, long seed) {
    /** Seed of the held-out tasks in every reported table; no training run uses it. */
    public static final long DEFAULT_SEED = 20_181_024L;

    /** The demo's protocol, as the README describes it: K = 10, lr 0.02, k ∈ {0, 1, 2, 4, 8, 16, 32}, 500 tasks. */
    public static final EvaluationProtocol DEMO = new EvaluationProtocol("demo", SineFamily.DEMO, 10, 0.02,
            new int[] {0, 1, 2, 4, 8, 16, 32}, 100, 500, DEFAULT_SEED);

    /**
     * Finn, Abbeel &amp; Levine, "Model-Agnostic Meta-Learning for Fast Adaptation of Deep Networks" (ICML 2017),
     * Table 2's sine protocol: φ ~ U[0, π], K = 5, plain SGD at lr 0.01 for 1, 5 and 10 steps; 600 tasks.
     */
    public static final EvaluationProtocol MAML = new EvaluationProtocol("maml", SineFamily.MAML, 5, 0.01,
            new int[] {0, 1, 5, 10}, 100, 600, DEFAULT_SEED);

    public EvaluationProtocol {
        RangeCheck.require("supportPoints", supportPoints, 1, 1000);
        RangeCheck.require("lr", lr, 1e-6, 10);
        RangeCheck.require("queryPoints", queryPoints, 2, 100_000);
        RangeCheck.require("tasks", tasks, 2, 1_000_000);
        if (steps.length == 0) {
            throw new IllegalArgumentException("a protocol needs at least one step count");
        }
        steps = steps.clone();
        for (int r = 0; r < steps.length; r++) {
            if (steps[r] < 0 || steps[r] > FullBatchSgd.MAX_STEPS || (r > 0 && steps[r] <= steps[r - 1])) {
                throw new IllegalArgumentException("steps must be ascending in [0, " + FullBatchSgd.MAX_STEPS
                        + "], got step " + steps[r]);
            }
        }
    }

    /** The protocol called {@code name}: "demo" or "maml". */
    public static EvaluationProtocol named(String name) {
        return switch (name) {
            case "demo" -> DEMO;
            case "maml" -> MAML;
            default -> throw new IllegalArgumentException("unknown protocol \"" + name + "\"; known: demo, maml");
        };
    }

    @Override
    public int[] steps() {
        return steps.clone();
    }

    public EvaluationProtocol withSupportPoints(int k) {
        return new EvaluationProtocol(name, family, k, lr, steps, queryPoints, tasks, seed);
    }

    public EvaluationProtocol withLr(double newLr) {
        return new EvaluationProtocol(name, family, supportPoints, newLr, steps, queryPoints, tasks, seed);
    }

    public EvaluationProtocol withSteps(int... newSteps) {
        return new EvaluationProtocol(name, family, supportPoints, lr, newSteps, queryPoints, tasks, seed);
    }

    public EvaluationProtocol withTasks(int newTasks) {
        return new EvaluationProtocol(name, family, supportPoints, lr, steps, queryPoints, newTasks, seed);
    }

    public EvaluationProtocol withSeed(long newSeed) {
        return new EvaluationProtocol(name, family, supportPoints, lr, steps, queryPoints, tasks, newSeed);
    }

    // A record's generated equals would compare the steps array by identity.
    @Override
    public boolean equals(Object o) {
        return o instanceof EvaluationProtocol p && name.equals(p.name) && family.maxPhase() == p.family.maxPhase()
                && supportPoints == p.supportPoints && lr == p.lr && java.util.Arrays.equals(steps, p.steps)
                && queryPoints == p.queryPoints && tasks == p.tasks && seed == p.seed;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, supportPoints, lr, java.util.Arrays.hashCode(steps), tasks, seed);
    }
}
