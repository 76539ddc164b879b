package lab.reptile.model;

/** A Reptile meta-trainer that advances one meta-iteration at a time (plain Java here, DL4J on the server). */
public interface MetaLearner {
    /** Samples metaBatchSize tasks, adapts to each, and moves the meta-weights towards their mean. */
    void metaStep();

    /** Meta-iterations done so far. */
    long metaIteration();

    /** A copy of the current meta-weights θ. */
    Params metaWeights();

    ReptileConfig config();

    /** A start from which a new trainer of this config continues exactly where this one is (for checkpoints). */
    TrainerStart resumePoint();

    default long tasksDone() {
        return metaIteration() * config().metaBatchSize();
    }

    default boolean finished() {
        return metaIteration() >= config().metaIterations();
    }
}
