package lab.reptile.server.training;

import java.util.LinkedHashMap;
import java.util.Map;
import lab.reptile.model.ReptileConfig;

/**
 * Named hyperparameter sets, the rows of the README's search table worth trying: the command line's
 * {@code --preset NAME} and {@code "preset": "NAME"} in a run's JSON body.
 */
public final class Presets {
    private static final Map<String, ReptileConfig> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("default", TrainingDefaults.config());
        BY_NAME.put("reference", ReptileConfig.reference().withSeed(1));
        BY_NAME.put("maml-protocol", mamlProtocol());
    }

    private Presets() {
    }

    /** The preset called {@code name}; an unknown name is an error that lists the known ones. */
    public static ReptileConfig named(String name) {
        ReptileConfig config = BY_NAME.get(name);
        if (config == null) {
            throw new IllegalArgumentException("unknown preset \"" + name + "\"; known presets: "
                    + String.join(", ", BY_NAME.keySet()));
        }
        return config;
    }

    /** {@code name} if a preset has it; otherwise the error of {@link #named}. */
    public static String requireKnown(String name) {
        named(name);
        return name;
    }

    /** Every preset's name, in the order above. */
    public static Iterable<String> names() {
        return BY_NAME.keySet();
    }

    /**
     * For the MAML paper's protocol (evaluate --protocol maml): its task family (φ ~ U[0, π]); each task's inner loop
     * first takes the protocol's adaptation, 2 full-batch steps at its lr 0.01 on K = 5 random support points, then
     * 2 epochs of 5 minibatches of 10 over the 50-point grid at 0.011 (the grid's minibatches give Reptile a far
     * better direction than more steps on 5 points); 100,000 tasks (a visitor run's limit), ε 0.7 → 0. The support
     * steps make the Reptile update reward a start from which the protocol's own steps generalise; their lr must be
     * the protocol's (at 0.012 the MSE after one step rose from 0.60 to 0.85). The grid's 0.011 was the steadiest
     * over six training seeds (one step: 0.595 to 0.670; 0.589 to 0.714 at 0.012). See the README's search.
     */
    private static ReptileConfig mamlProtocol() {
        return ReptileConfig.builder().seed(1).maxPhase(Math.PI).innerLr(0.011).innerEpochs(2).tasks(100_000)
                .outerStepStart(0.7).supportPoints(5).supportSteps(2).supportLr(0.01).build();
    }
}
