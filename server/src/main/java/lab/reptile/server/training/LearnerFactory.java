package lab.reptile.server.training;

import lab.reptile.model.MetaLearner;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.TrainerStart;

/** Builds the meta-trainer for a run: from a seed's start, or from a checkpoint's. */
@FunctionalInterface
public interface LearnerFactory {
    MetaLearner create(ReptileConfig config, TrainerStart start);
}
