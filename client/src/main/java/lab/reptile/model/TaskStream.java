package lab.reptile.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Random;

/**
 * The training data of successive meta-training tasks: each task's m points, with their y, either x =
 * linspace(−5, 5, m) shuffled (the grid, Schulman's demo) or m fresh draws x ~ U[−5, 5] (uniform, as the evaluation
 * protocols pick support points); with K support points, K more draws x ~ U[−5, 5] come first, so a task's
 * {@link Points} are [K support points, then the m points]. Every trainer that reads the same stream from the same
 * seed sees the same data, bit for bit.
 */
public final class TaskStream {
    private final TaskFamily family;
    private final Random rng;
    private final double[] grid;
    private final boolean uniformX;
    private final int supportPoints;

    /** A grid stream: each task's points are linspace(−5, 5, pointsPerTask), shuffled. */
    public TaskStream(TaskFamily family, Random rng, int pointsPerTask) {
        this(family, rng, pointsPerTask, false, 0);
    }

    /**
     * A grid stream, or with {@code uniformX} each task's pointsPerTask x drawn from U[−5, 5]; {@code supportPoints}
     * more draws from U[−5, 5] before them (0 for none).
     */
    public TaskStream(TaskFamily family, Random rng, int pointsPerTask, boolean uniformX, int supportPoints) {
        if (pointsPerTask < 1) {
            throw new IllegalArgumentException("pointsPerTask must be at least 1, got " + pointsPerTask);
        }
        if (supportPoints < 0) {
            throw new IllegalArgumentException("supportPoints must be non-negative, got " + supportPoints);
        }
        this.family = family;
        this.rng = rng;
        this.grid = SineFamily.linspace(pointsPerTask);
        this.uniformX = uniformX;
        this.supportPoints = supportPoints;
    }

    /** The stream a run of {@code config} trains on: its task family, points per task and kind of points. */
    public static TaskStream of(ReptileConfig config, Random rng) {
        return new TaskStream(new SineFamily(config.maxPhase()), rng, config.pointsPerTask(), config.uniformX(),
                config.supportPoints());
    }

    /** The stream of {@code config} whose generator is in {@code randomState} (from {@link #randomState()}). */
    public static TaskStream restore(ReptileConfig config, byte[] randomState) {
        return of(config, randomFrom(randomState));
    }

    /** A stream that continues exactly where this one stands (an independent copy of the random state). */
    public TaskStream copy() {
        return new TaskStream(family, randomFrom(randomState()), grid.length, uniformX, supportPoints);
    }

    /** The random generator's state, to store in a checkpoint. */
    public byte[] randomState() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(rng);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise java.util.Random", e);
        }
        return bytes.toByteArray();
    }

    private static Random randomFrom(byte[] state) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(state))) {
            // Only a Random may come out of these bytes, whatever a damaged or crafted checkpoint holds.
            in.setObjectInputFilter(ObjectInputFilter.Config.createFilter("java.util.Random;!*"));
            return (Random) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException("random generator state is corrupt: " + e.getMessage(), e);
        }
    }

    /**
     * One task's points in training order, [K support points, then the m points]: the task is drawn first, then the
     * m x (Fisher–Yates shuffle of the grid, or draws), then the K support x.
     */
    public Points next() {
        Task task = family.sample(rng);
        double[] xs = new double[supportPoints + grid.length];
        System.arraycopy(grid, 0, xs, supportPoints, grid.length);
        if (uniformX) {
            for (int i = supportPoints; i < xs.length; i++) {
                xs[i] = SineFamily.uniformX(rng);
            }
        } else {
            for (int i = grid.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                double t = xs[supportPoints + i];
                xs[supportPoints + i] = xs[supportPoints + j];
                xs[supportPoints + j] = t;
            }
        }
        for (int i = 0; i < supportPoints; i++) {
            xs[i] = SineFamily.uniformX(rng);
        }
        double[] ys = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            ys[i] = task.y(xs[i]);
        }
        return new Points(xs, ys);
    }
}
