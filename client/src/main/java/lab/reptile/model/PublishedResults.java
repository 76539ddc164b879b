package lab.reptile.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The published sine-regression numbers of Finn, Abbeel &amp; Levine, "Model-Agnostic Meta-Learning for Fast
 * Adaptation of Deep Networks" (ICML 2017), Table 2: MSE at K = 5 after 1, 5 and 10 SGD steps at lr 0.01, under
 * {@link EvaluationProtocol#MAML}.
 */
public final class PublishedResults {
    /** The citation printed beside the numbers. */
    public static final String CITATION =
            "Finn, Abbeel & Levine, Model-Agnostic Meta-Learning for Fast Adaptation of Deep Networks, ICML 2017, Table 2";
    /** The steps Table 2 reports. */
    public static final int[] STEPS = {1, 5, 10};
    /** K of Table 2. */
    public static final int SUPPORT_POINTS = 5;
    public static final double[] MAML = {0.67, 0.38, 0.35};
    public static final double[] PRETRAINED = {2.41, 2.23, 2.19};

    private PublishedResults() {
    }

    /**
     * The published columns for a table with rows at {@code steps} and K support points: "MAML (paper)" and
     * "pretrained (paper)", NaN at steps Table 2 has no number for; empty unless K = 5.
     */
    public static Map<String, double[]> columns(int[] steps, int supportPoints) {
        Map<String, double[]> columns = new LinkedHashMap<>();
        if (supportPoints != SUPPORT_POINTS) {
            return columns;
        }
        columns.put("MAML (paper)", at(steps, MAML));
        columns.put("pretrained (paper)", at(steps, PRETRAINED));
        return columns;
    }

    private static double[] at(int[] steps, double[] values) {
        double[] out = new double[steps.length];
        for (int r = 0; r < steps.length; r++) {
            out[r] = Double.NaN;
            for (int p = 0; p < STEPS.length; p++) {
                if (STEPS[p] == steps[r]) {
                    out[r] = values[p];
                }
            }
        }
        return out;
    }
}
