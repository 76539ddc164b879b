package lab.reptile.browser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the page compares across runs: the detail of every listed run (fetched once per run, again only when a live
 * run's listing shows it moved on), whose learning curves the chart overlays, and the runs the visitor picked to see
 * their reports side by side (the chosen run when none is picked). The chosen run's own detail, polled by
 * {@link RunSync}, is fresher than this cache and wins over it.
 */
public final class ComparePanel {
    private final Changes changes;
    private final RunsPanel runs;
    private final Map<String, RunDetail> details = new LinkedHashMap<>();
    private final Set<String> asked = new HashSet<>();
    private final Set<String> picked = new LinkedHashSet<>();

    ComparePanel(Changes changes, RunsPanel runs) {
        this.changes = changes;
        this.runs = runs;
    }

    /**
     * The runs whose detail to fetch now: each listed or picked run but the chosen one (its detail comes anyway) that
     * is neither cached nor asked for, or is cached as live while its listing shows more tasks done.
     */
    List<String> toFetch() {
        List<String> out = new ArrayList<>();
        for (RunSummary run : runs.runs()) {
            RunDetail known = details.get(run.id());
            boolean stale = known != null && known.summary().live()
                    && (known.summary().tasksDone() != run.tasksDone() || !known.summary().state().equals(run.state()));
            if (!run.id().equals(runs.chosen()) && !asked.contains(run.id()) && (known == null || stale)) {
                out.add(run.id());
            }
        }
        for (String id : picked) {
            if (!id.equals(runs.chosen()) && !asked.contains(id) && !details.containsKey(id) && !out.contains(id)) {
                out.add(id);
            }
        }
        asked.addAll(out);
        return out;
    }

    void arrived(RunDetail detail) {
        details.put(detail.summary().id(), detail);
        asked.remove(detail.summary().id());
        changed();
    }

    void failed(String id) {
        asked.remove(id);
    }

    /**
     * Adds {@code id} to the reports compared, or removes it. With none picked the chosen run's box shows ticked, so
     * the first pick keeps it: its column does not vanish under a tick the visitor never undid.
     */
    void pick(String id, boolean on) {
        if (on) {
            if (picked.isEmpty()) {
                picked.add(runs.chosen());
            }
            picked.add(id);
        } else {
            picked.remove(id);
        }
        changed();
    }

    private void changed() {
        changes.mark(Changes.Part.RUNS);
    }

    /** The freshest detail of run {@code id}, or null if none arrived. */
    public RunDetail detail(String id) {
        RunDetail chosen = runs.detail();
        return chosen != null && chosen.summary().id().equals(id) ? chosen : details.get(id);
    }

    /** Every known learning curve by run id, listed runs first in the list's order, the chosen run's freshest. */
    public Map<String, ProgressHistory> curves() {
        Map<String, ProgressHistory> out = new LinkedHashMap<>();
        for (RunSummary run : runs.runs()) {
            put(out, run.id());
        }
        for (String id : runs.curves().keySet()) {
            put(out, id);
        }
        for (String id : details.keySet()) {
            put(out, id);
        }
        return out;
    }

    private void put(Map<String, ProgressHistory> out, String id) {
        if (out.containsKey(id)) {
            return;
        }
        ProgressHistory curve = id.equals(runs.chosen()) && runs.curves().containsKey(id) ? runs.curves().get(id)
                : details.containsKey(id) ? details.get(id).history() : runs.curves().get(id);
        if (curve != null) {
            out.put(id, curve);
        }
    }

    /** The x axis spanning every curve, and at least the chosen run's planned tasks. */
    public CurveAxis axis() {
        RunDetail chosen = runs.detail();
        return CurveAxis.of(curves().values(), chosen == null ? 1 : chosen.summary().tasksTotal());
    }

    /** True if run {@code id}'s report is among those compared. */
    public boolean compared(String id) {
        return columns().contains(id);
    }

    /** The runs whose reports the table shows, one column each: the picked ones in order, else the chosen run. */
    public List<String> columns() {
        return picked.isEmpty() ? List.of(runs.chosen()) : new ArrayList<>(picked);
    }

    /** The k of the table's rows: those of every compared report, in the first report's order. */
    public List<Integer> steps() {
        List<Integer> out = new ArrayList<>();
        for (String id : columns()) {
            RunDetail detail = detail(id);
            if (detail != null) {
                for (RunDetail.ReportRow row : detail.report()) {
                    if (!out.contains(row.k())) {
                        out.add(row.k());
                    }
                }
            }
        }
        return out;
    }

    /** Run {@code id}'s cell for k steps, e.g. "0.0457 ± 0.0031", or "–" without a report row for k. */
    public String cell(String id, int k) {
        RunDetail detail = detail(id);
        if (detail != null) {
            for (RunDetail.ReportRow row : detail.report()) {
                if (row.k() == k) {
                    return withCi(row.mean(), row.ci95());
                }
            }
        }
        return "–";
    }

    /** The random init's cell for k steps from the first compared report that has it, or "–". */
    public String randomCell(int k) {
        for (String id : columns()) {
            RunDetail detail = detail(id);
            if (detail != null) {
                for (RunDetail.ReportRow row : detail.report()) {
                    if (row.k() == k) {
                        return withCi(row.randomMean(), row.randomCi95());
                    }
                }
            }
        }
        return "–";
    }

    /** Why a compared run has no report yet, e.g. "This run diverged…", or null when it has one. */
    public String note(String id) {
        RunDetail detail = detail(id);
        if (detail != null && !detail.report().isEmpty()) {
            return null;
        }
        return ReportNote.of(detail == null ? listed(id) : detail.summary());
    }

    private RunSummary listed(String id) {
        for (RunSummary run : runs.runs()) {
            if (run.id().equals(id)) {
                return run;
            }
        }
        return null;
    }

    static String withCi(double mean, double ci95) {
        return Double.isFinite(ci95) ? Numbers.short3(mean) + " ± " + Numbers.short3(ci95) : Numbers.short3(mean);
    }
}
