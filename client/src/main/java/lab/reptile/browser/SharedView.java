package lab.reptile.browser;

import java.util.ArrayList;
import java.util.List;

/**
 * What the share button puts in the page's URL fragment: the points, the steps and learning rate, the run and the
 * timeline position and the step slider's step, e.g. {@code #run=default&t=5&steps=8&lr=0.02&s=3&p=-4.5_2.99,-3.5_1.2}.
 * Coordinates keep three decimals (a pixel is ~0.02 data units). Parsing refuses a fragment that does not say what
 * it should; a link without {@code s} (older links, or the adaptation's last step) shows the animation to its end.
 *
 * @param position the timeline position, -1 for the run's newest weights
 * @param xs       the points' x, [n]
 * @param step     the step slider's step, -1 for the animation's end
 * @param ys       the points' y, [n]
 */
public record SharedView(String run, int position, String steps, String lr, int step, double[] xs, double[] ys) {

    public SharedView {
        if (xs.length != ys.length || xs.length > PointSet.MAX) {
            throw new IllegalArgumentException("a shared view needs at most " + PointSet.MAX + " points with an x and"
                    + " a y each, got " + xs.length + " x and " + ys.length + " y");
        }
    }

    /**
     * What is on screen: the points, the run and its timeline position (-1: newest), the form's steps and lr, the
     * shown step (-1: the last).
     */
    public static SharedView of(PointSet points, String run, int position, String steps, String lr, int step) {
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = points.x(i);
            ys[i] = points.y(i);
        }
        return new SharedView(run, position, steps, lr, step, xs, ys);
    }

    /** The fragment, without its leading '#'. */
    public String fragment() {
        StringBuilder out = new StringBuilder("run=").append(run).append("&t=").append(position)
                .append("&steps=").append(steps.trim()).append("&lr=").append(lr.trim())
                .append(step < 0 ? "" : "&s=" + step).append("&p=");
        for (int i = 0; i < xs.length; i++) {
            out.append(i == 0 ? "" : ",").append(Numbers.fixed(xs[i], 3)).append('_').append(Numbers.fixed(ys[i], 3));
        }
        return out.toString();
    }

    /** Reads a fragment (with or without '#'); null for an empty one. */
    public static SharedView parse(String fragment) {
        String text = fragment.startsWith("#") ? fragment.substring(1) : fragment;
        if (text.isEmpty()) {
            return null;
        }
        String run = null;
        String position = null;
        String steps = null;
        String lr = null;
        String step = null;
        String points = "";
        for (String pair : split(text, '&')) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            switch (key) {
                case "run" -> run = value;
                case "t" -> position = value;
                case "steps" -> steps = value;
                case "lr" -> lr = value;
                case "s" -> step = value;
                case "p" -> points = value;
                default -> throw new IllegalArgumentException("unknown key \"" + key + "\" in the shared link");
            }
        }
        if (run == null || !isRunId(run)) {
            throw new IllegalArgumentException("the shared link's run must be letters, digits, - or _, got \""
                    + run + "\"");
        }
        String[] pairs = points.isEmpty() ? new String[0] : split(points, ',');
        double[] xs = new double[pairs.length];
        double[] ys = new double[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            String[] xy = split(pairs[i], '_');
            if (xy.length != 2) {
                throw new IllegalArgumentException("a shared point must be x_y, got \"" + pairs[i] + "\"");
            }
            xs[i] = number(xy[0], "point x");
            ys[i] = number(xy[1], "point y");
        }
        return new SharedView(run, position == null ? -1 : (int) number(position, "timeline position"),
                steps == null ? "" + AdaptSettings.DEFAULT_STEPS : steps,
                lr == null ? "" + AdaptSettings.DEFAULT_LR : lr, step == null ? -1 : (int) number(step, "step"), xs, ys);
    }

    private static double number(String text, String what) {
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("the shared link's " + what + " must be a number, got \"" + text + "\"");
    }

    /** The parts of {@code text} between {@code separator}s (String.split would bring regex into the JS). */
    private static String[] split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == separator) {
                parts.add(text.substring(from, i));
                from = i + 1;
            }
        }
        return parts.toArray(new String[0]);
    }

    private static boolean isRunId(String id) {
        if (id.isEmpty() || id.length() > 32) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
