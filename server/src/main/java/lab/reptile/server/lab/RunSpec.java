package lab.reptile.server.lab;

import java.time.Instant;
import lab.reptile.model.ReptileConfig;

/**
 * What a run is, fixed when it is created: its id, hyperparameters, who started it and when.
 *
 * @param createdAt when the run was created, to the millisecond (queue order after a restart)
 */
public record RunSpec(RunId id, ReptileConfig config, Origin origin, Instant createdAt) {
    /** Who started a run: the server's command line, or a visitor through the API. */
    public enum Origin {
        SERVER,
        VISITOR;

        public String apiName() {
            return this == SERVER ? "server" : "visitor";
        }

        public static Origin fromApiName(String name) {
            return switch (name) {
                case "server" -> SERVER;
                case "visitor" -> VISITOR;
                default -> throw new IllegalArgumentException("unknown run origin \"" + name + "\"");
            };
        }
    }

    /** The timeline's meta-iterations for this run's config. */
    public long[] timelinePlan() {
        return TimelinePlan.of(config.metaIterations());
    }
}
