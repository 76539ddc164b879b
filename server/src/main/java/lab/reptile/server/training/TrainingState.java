package lab.reptile.server.training;

import java.util.Locale;

/** What the background trainer is doing. */
public enum TrainingState {
    RUNNING,
    PAUSED,
    FINISHED,
    /** The meta-weights became non-finite; the last finite snapshot is kept and training stops. */
    DIVERGED,
    /** The trainer threw; the last snapshot is kept and training stops. */
    FAILED;

    /** The lower-case name used in the API. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
