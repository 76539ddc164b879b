package lab.reptile.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import lab.reptile.model.Evaluation;
import lab.reptile.model.EvaluationProtocol;

/** Prints evaluation tables side by side: one row per k, one "mean ± 95 % CI" column per set of weights. */
public final class EvaluationReport {
    private EvaluationReport() {
    }

    /** The demo protocol's tables, from {@code seed} at learning rate {@code lr}. */
    public static void print(PrintStream out, Map<String, Evaluation.Table> columns, long seed, double lr) {
        print(out, columns, EvaluationProtocol.DEMO.withSeed(seed).withLr(lr));
    }

    /** {@code columns} maps a column title to its table under {@code protocol}; every table has the same rows. */
    public static void print(PrintStream out, Map<String, Evaluation.Table> columns, EvaluationProtocol protocol) {
        print(out, columns, protocol, Map.of());
    }

    /**
     * As {@link #print(PrintStream, Map, EvaluationProtocol)}, with published means beside the measured columns:
     * {@code published} maps a column title to one mean per row ({@code NaN} where nothing was published).
     */
    public static void print(PrintStream out, Map<String, Evaluation.Table> columns, EvaluationProtocol protocol,
                             Map<String, double[]> published) {
        List<Evaluation.Table> tables = List.copyOf(columns.values());
        Evaluation.Table first = tables.get(0);
        out.printf("Protocol %s: MSE on %d query x after k full-batch SGD steps (lr %s) on K = %d support points;"
                        + " %d tasks from seed %d; mean ± 95%% CI%n", protocol.name(), protocol.queryPoints(),
                protocol.lr(), protocol.supportPoints(), first.tasks(), protocol.seed());
        StringBuilder header = new StringBuilder(String.format("%4s", "k"));
        for (String title : columns.keySet()) {
            header.append(String.format("  %-20s", title));
        }
        for (String title : published.keySet()) {
            header.append(String.format("  %-14s", title));
        }
        out.println(header);
        for (int r = 0; r < first.rows().size(); r++) {
            StringBuilder line = new StringBuilder(String.format("%4d", first.rows().get(r).steps()));
            for (Evaluation.Table table : tables) {
                Evaluation.Row row = table.rows().get(r);
                line.append(String.format("  %8.4f ± %-9.4f", row.mean(), row.ci95()));
            }
            for (double[] means : published.values()) {
                line.append(Double.isNaN(means[r]) ? String.format("  %-14s", "-")
                        : String.format("  %-14.2f", means[r]));
            }
            out.println(line);
        }
    }
}
