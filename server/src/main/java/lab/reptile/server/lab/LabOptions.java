package lab.reptile.server.lab;

import java.util.Optional;
import java.util.function.Function;
import lab.reptile.model.Params;
import lab.reptile.model.ReptileConfig;
import lab.reptile.server.training.LearnerFactory;

/**
 * How a process takes part in the lab.
 *
 * @param trainers                runs this process trains side by side; 0 for a web replica, which trains nothing
 * @param workerName              the unique name it trains under (db-scheduler's scheduler name, a run's worker)
 * @param checkpointIntervalNanos how often a training run is checkpointed
 * @param reporter                evaluates a finished run's final weights
 * @param defaultRun              the default run this process makes sure of at start-up, if any
 */
public record LabOptions(LabLimits limits, LearnerFactory learners, int trainers, String workerName,
                         long checkpointIntervalNanos, Function<Params, RunReport> reporter,
                         Optional<DefaultRun> defaultRun) {
    public LabOptions {
        if (trainers < 0 || trainers > 0 && (workerName == null || workerName.isBlank())) {
            throw new IllegalArgumentException("a worker needs trainers >= 1 and a name, got " + trainers + " and "
                    + workerName);
        }
    }

    /** The lab's own report ({@link RunReport#TASKS} held-out tasks). */
    public static Function<Params, RunReport> standardReporter() {
        return Lab.defaultReporter();
    }

    /**
     * The default run a process asks for: kept if stored with the same config; replaced by another config only if
     * {@code replaceOther}; started over if {@code fresh}.
     */
    public record DefaultRun(ReptileConfig config, boolean replaceOther, boolean fresh) {
    }
}
