package lab.reptile.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import lab.reptile.model.Evaluation;

/** Prints evaluation tables side by side: one row per k, one "mean ± 95 % CI" column per set of weights. */
public final class EvaluationReport {
    private EvaluationReport() {
    }

    /** {@code columns} maps a column title to its table; every table must have the same rows. */
    public static void print(PrintStream out, Map<String, Evaluation.Table> columns, long seed, double lr) {
        List<Evaluation.Table> tables = List.copyOf(columns.values());
        Evaluation.Table first = tables.get(0);
        out.printf("MSE on %d query x after k full-batch SGD steps (lr %s) on %d support points; %d tasks from seed %d;"
                        + " mean ± 95%% CI%n", Evaluation.QUERY_POINTS, lr, Evaluation.SUPPORT_POINTS, first.tasks(),
                seed);
        StringBuilder header = new StringBuilder(String.format("%4s", "k"));
        for (String title : columns.keySet()) {
            header.append(String.format("  %-20s", title));
        }
        out.println(header);
        for (int r = 0; r < first.rows().size(); r++) {
            StringBuilder line = new StringBuilder(String.format("%4d", first.rows().get(r).steps()));
            for (Evaluation.Table table : tables) {
                Evaluation.Row row = table.rows().get(r);
                line.append(String.format("  %8.4f ± %-9.4f", row.mean(), row.ci95()));
            }
            out.println(line);
        }
    }
}
