package lab.reptile.server.lab;

import java.util.Locale;

/** Where a run is in its life: waiting, training, stopped by a visitor or operator, or ended. */
public enum RunState {
    QUEUED,
    RUNNING,
    PAUSED,
    FINISHED,
    /** The meta-weights became non-finite; the last finite snapshot is kept and training stops. */
    DIVERGED,
    /** The trainer threw; the last snapshot is kept and training stops. */
    FAILED,
    CANCELLED;

    /** The lower-case name used in the API and in run files. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state named {@code apiName}; an IllegalArgumentException naming it otherwise. */
    public static RunState fromApiName(String apiName) {
        for (RunState state : values()) {
            if (state.apiName().equals(apiName)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown run state \"" + apiName + "\"");
    }

    /** True once the run will train no more (finished, diverged, failed or cancelled). */
    public boolean ended() {
        return this == FINISHED || this == DIVERGED || this == FAILED || this == CANCELLED;
    }
}
