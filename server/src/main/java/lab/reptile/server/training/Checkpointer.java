package lab.reptile.server.training;

import lab.reptile.model.MetaLearner;

/** Saves a learner's resumable state; called on the trainer thread between meta-iterations. */
@FunctionalInterface
public interface Checkpointer {
    Checkpointer NONE = learner -> { };

    void save(MetaLearner learner);
}
