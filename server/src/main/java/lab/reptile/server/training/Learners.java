package lab.reptile.server.training;

/** The meta-trainers the server can run. */
public final class Learners {
    private Learners() {
    }

    /** Deeplearning4j: what the server trains with. */
    public static LearnerFactory dl4j() {
        return Dl4jReptileTrainer::new;
    }
}
