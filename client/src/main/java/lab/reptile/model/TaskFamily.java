package lab.reptile.model;

import java.util.Random;

/** A distribution over tasks; all randomness comes from the {@code Random} passed in. */
public interface TaskFamily {
    Task sample(Random rng);
}
