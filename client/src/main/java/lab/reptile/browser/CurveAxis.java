package lab.reptile.browser;

import java.util.Collection;

/**
 * The learning-curve chart's x axis (tasks trained on), spanning every run's curve: linear from 0 while the curves
 * are of like length, logarithmic (whole decades, the first measurement strictly inside) once the longest is
 * {@link #LOG_RATIO} times the shortest or more, so a 2,000-task run beside a 90,000-task one is not squeezed into the
 * first 2 % of the axis.
 *
 * @param log true for a logarithmic axis
 * @param min the axis' lower end in tasks (0 when linear)
 * @param max the axis' upper end in tasks
 */
public record CurveAxis(boolean log, double min, double max) {
    /** Longest over shortest curve (by last tasks measured) from which the axis is logarithmic. */
    public static final double LOG_RATIO = 10;

    /** The axis for {@code curves}; linear 0..{@code atLeast} when none has a measurement yet. */
    public static CurveAxis of(Collection<ProgressHistory> curves, double atLeast) {
        double shortest = Double.POSITIVE_INFINITY;
        double longest = 0;
        double firstPositive = Double.POSITIVE_INFINITY;
        for (ProgressHistory curve : curves) {
            double[] tasks = curve.tasksDone();
            if (tasks.length == 0 || !(tasks[tasks.length - 1] > 0)) {
                continue;
            }
            shortest = Math.min(shortest, tasks[tasks.length - 1]);
            longest = Math.max(longest, tasks[tasks.length - 1]);
            for (double t : tasks) {
                if (t > 0) {
                    firstPositive = Math.min(firstPositive, t);
                    break;
                }
            }
        }
        double max = Math.max(Math.max(1, atLeast), longest);
        if (longest == 0 || longest < LOG_RATIO * shortest) {
            return new CurveAxis(false, 0, max);
        }
        double lower = Math.pow(10, Math.floor(Math.log10(firstPositive) - 1e-9)); // strictly below the first point
        double upper = Math.pow(10, Math.ceil(Math.log10(max) - 1e-9));
        return new CurveAxis(true, lower, Math.max(upper, lower * 10));
    }
}
