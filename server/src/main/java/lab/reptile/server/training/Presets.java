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
     * Trained as the MAML paper's protocol tests (evaluate --protocol maml): its task family (φ ~ U[0, π]), each task
     * K = 5 points x ~ U[−5, 5] and full-batch SGD steps on them; chosen by measurement, see the README.
     */
    private static ReptileConfig mamlProtocol() {
        return ReptileConfig.builder().seed(1).maxPhase(Math.PI).randomPoints(1).pointsPerTask(5).innerBatchSize(5)
                .innerLr(0.01).innerEpochs(5).tasks(60_000).outerStepStart(0.7).build();
    }
}
