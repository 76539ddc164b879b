package lab.reptile.server.training;

import lab.reptile.model.ReptileTrainer;

/** The meta-trainers the server can run. */
public final class Learners {
    private Learners() {
    }

    /** Deeplearning4j: what the server trains with. */
    public static LearnerFactory dl4j() {
        return Dl4jReptileTrainer::new;
    }

    /** The plain-Java trainer of the model package (the DL4J trainer's oracle). */
    public static LearnerFactory plainJava() {
        return ReptileTrainer::new;
    }
}
