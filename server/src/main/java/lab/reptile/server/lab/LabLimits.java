package lab.reptile.server.lab;

/**
 * The limits that make visitor runs safe on a public server; each is a command-line flag.
 *
 * @param visitorRuns      false turns visitor runs off ({@code --lab off})
 * @param maxTasks         most tasks one visitor run may train
 * @param runsPerHour      runs one client may start per sliding hour
 * @param queueLimit       most runs waiting to train at once
 * @param keepFinished     most ended visitor runs kept; the oldest are removed first, never the default run
 * @param diskLimitBytes   bytes all runs together may take on disk; a run that would not fit is refused
 */
public record LabLimits(boolean visitorRuns, int maxTasks, int runsPerHour, int queueLimit, int keepFinished,
                        long diskLimitBytes) {
    public static final LabLimits DEFAULTS = new LabLimits(true, 100_000, 3, 8, 20, 512L << 20);

    public LabLimits {
        if (maxTasks < 1 || runsPerHour < 0 || queueLimit < 0 || keepFinished < 0 || diskLimitBytes < 0) {
            throw new IllegalArgumentException("lab limits must be non-negative (and maxTasks positive), got " + this);
        }
    }
}
