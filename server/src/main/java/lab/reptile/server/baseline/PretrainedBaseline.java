package lab.reptile.server.baseline;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import lab.reptile.model.NetShape;
import lab.reptile.server.snapshot.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pretrained baseline, trained once in a background thread off the request path and then held, immutable, for
 * serving beside the meta-weights. Until it is ready {@link #snapshot()} is null and {@link #state()} says why.
 */
public final class PretrainedBaseline {
    /** Where the baseline stands. */
    public enum State { WAITING, TRAINING, READY, FAILED }

    /** The baseline is published once, as version 1 of its own series. */
    static final long VERSION = 1;
    private static final Logger LOG = LoggerFactory.getLogger(PretrainedBaseline.class);

    private final PretrainConfig config;
    private final NetShape shape;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Snapshot snapshot;
    private volatile State state;

    private PretrainedBaseline(PretrainConfig config, NetShape shape, State initial) {
        this.config = config;
        this.shape = shape;
        this.state = initial;
    }

    /** Starts training {@code config} in a daemon thread and returns at once. */
    public static PretrainedBaseline start(PretrainConfig config, NetShape shape) {
        return start(config, shape, Duration.ZERO);
    }

    /**
     * Starts a daemon thread that waits {@code delay} (state WAITING), then trains {@code config}; returns at once.
     * The server waits so that the default run's first seconds have both cores (see Main).
     */
    public static PretrainedBaseline start(PretrainConfig config, NetShape shape, Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("the pretrainer's delay must not be negative, got " + delay);
        }
        PretrainedBaseline baseline = new PretrainedBaseline(config, shape,
                delay.isZero() ? State.TRAINING : State.WAITING);
        Thread thread = new Thread(() -> baseline.train(delay), "pretrainer");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return baseline;
    }

    /** The trained weights as version {@link #VERSION}, or null while waiting, training or after a failure. */
    public Snapshot snapshot() {
        return snapshot;
    }

    /** Where the baseline stands now. */
    public State state() {
        return state;
    }

    /** Waits up to {@code millis} for training to end; returns true if it has (ready or failed). */
    public boolean await(long millis) throws InterruptedException {
        return done.await(millis, TimeUnit.MILLISECONDS);
    }

    private void train(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            state = State.TRAINING;
            long begin = System.nanoTime();
            Dl4jPretrainer.Result result = Dl4jPretrainer.train(config, shape);
            if (!result.weights().isFinite()) {
                throw new IllegalStateException("pretrained weights became non-finite");
            }
            snapshot = Snapshot.of(VERSION, 0, config.tasks(), result.weights());
            state = State.READY;
            LOG.info("pretrained baseline ready: {} SGD steps of {} on {} pooled tasks in {} ms", result.steps(),
                    config.steps(), config.tasks(), (System.nanoTime() - begin) / 1_000_000);
            if (result.steps() < config.steps()) {
                LOG.warn("the pretrained baseline hit its {} s bound: its weights are not the seed's full run",
                        config.maxSeconds());
            }
        } catch (InterruptedException e) { // nothing interrupts the daemon thread today; if something does, say so
            LOG.warn("pretrained baseline not trained: interrupted while waiting to start");
            state = State.FAILED;
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("pretrained baseline failed", e);
            state = State.FAILED;
        } finally {
            done.countDown();
        }
    }
}
