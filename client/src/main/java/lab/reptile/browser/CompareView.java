package lab.reptile.browser;

import java.util.List;

import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;

/**
 * Draws the {@link ComparePanel}: every run's learning curve on one axis, and the report area: a box per listed run
 * to compare its report, what MSE@k means, one table with a column per compared run (mean ± 95 % CI, then a random
 * init for reference) and a note for each compared run without a report. The area is rebuilt only when its content
 * changed, so a box keeps the keyboard focus while the chosen run is polled.
 */
final class CompareView {
    static final String EXPLANATION = "MSE after k steps: mean squared error on 500 held-out sines after k SGD steps"
            + " from these weights, ± its 95 % confidence interval; lower is better.";

    private final HTMLElement report = Page.find("report");
    private final Charts charts;
    private final LabPage lab;
    private String shown = "";

    CompareView(Charts charts, LabPage lab) {
        this.charts = charts;
        this.lab = lab;
    }

    void render() {
        ComparePanel compare = lab.compare();
        RunsPanel runs = lab.runs();
        charts.drawRuns(compare.curves(), runs.chosen(), runs::name, compare.axis());
        List<String> columns = compare.columns();
        List<Integer> steps = compare.steps();
        StringBuilder key = new StringBuilder();
        for (RunSummary run : runs.runs()) {
            key.append(run.id()).append(compare.compared(run.id())).append(runs.name(run.id())).append('|');
        }
        for (String id : columns) {
            key.append(id).append(compare.note(id)).append('|');
            for (int k : steps) {
                key.append(compare.cell(id, k)).append(compare.randomCell(k));
            }
        }
        if (key.toString().equals(shown)) {
            return;
        }
        shown = key.toString();
        report.setInnerHTML("");
        HTMLDocument doc = HTMLDocument.current();
        report.appendChild(picks(doc, compare, runs));
        report.appendChild(paragraph(doc, "small muted", EXPLANATION));
        if (!steps.isEmpty()) {
            report.appendChild(table(doc, compare, runs, columns, steps));
        }
        for (String id : columns) {
            String note = compare.note(id);
            if (note != null) {
                HTMLElement p = paragraph(doc, "small report-note", (columns.size() > 1 ? runs.name(id) + ": " : "")
                        + note);
                p.setAttribute("data-testid", "report-note");
                report.appendChild(p);
            }
        }
    }

    private HTMLElement picks(HTMLDocument doc, ComparePanel compare, RunsPanel runs) {
        HTMLElement box = doc.createElement("div");
        box.setClassName("compare-picks");
        box.setAttribute("role", "group");
        box.setAttribute("aria-label", "Runs whose reports to compare");
        for (RunSummary run : runs.runs()) {
            HTMLElement label = doc.createElement("label");
            HTMLInputElement check = (HTMLInputElement) doc.createElement("input");
            check.setType("checkbox");
            check.setChecked(compare.compared(run.id()));
            check.setAttribute("data-testid", "compare-" + run.id());
            String id = run.id();
            check.addEventListener("change", e -> lab.pickForCompare(id, check.isChecked()));
            label.appendChild(check);
            label.appendChild(doc.createTextNode(" " + runs.name(run.id())));
            box.appendChild(label);
        }
        return box;
    }

    private static HTMLElement table(HTMLDocument doc, ComparePanel compare, RunsPanel runs, List<String> columns,
                                     List<Integer> steps) {
        HTMLElement table = doc.createElement("table");
        table.setAttribute("data-testid", "compare-table");
        HTMLElement head = doc.createElement("tr");
        head.appendChild(cell(doc, "th", "MSE after k steps"));
        for (String id : columns) {
            head.appendChild(cell(doc, "th", runs.name(id)));
        }
        head.appendChild(cell(doc, "th", "random init"));
        table.appendChild(head);
        for (int k : steps) {
            HTMLElement tr = doc.createElement("tr");
            tr.appendChild(cell(doc, "td", "k = " + k));
            for (String id : columns) {
                tr.appendChild(cell(doc, "td", compare.cell(id, k)));
            }
            tr.appendChild(cell(doc, "td", compare.randomCell(k)));
            table.appendChild(tr);
        }
        return table;
    }

    private static HTMLElement cell(HTMLDocument doc, String tag, String text) {
        HTMLElement td = doc.createElement(tag);
        td.setTextContent(text);
        return td;
    }

    private static HTMLElement paragraph(HTMLDocument doc, String className, String text) {
        HTMLElement p = doc.createElement("p");
        p.setClassName(className);
        p.setTextContent(text);
        return p;
    }
}
