package lab.reptile.model;

import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ObjDoubleConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.ObjLongConsumer;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * One hyperparameter of {@link ReptileConfig} by name: its kind of number, how to read it from a config and how to
 * set it on a builder, so that a reader or writer of configs (JSON) needs no list of fields of its own.
 */
public final class ConfigField {
    /** The Java type of the field: what a reader must accept, and the Number class {@link #get} returns. */
    public enum Kind { LONG, INT, DOUBLE }

    private final String name;
    private final Kind kind;
    private final Function<ReptileConfig, Number> getter;
    private final BiConsumer<ReptileConfig.Builder, Number> setter;
    private final boolean optional;

    private ConfigField(String name, Kind kind, Function<ReptileConfig, Number> getter,
                        BiConsumer<ReptileConfig.Builder, Number> setter, boolean optional) {
        this.name = name;
        this.kind = kind;
        this.getter = getter;
        this.setter = setter;
        this.optional = optional;
    }

    private ConfigField(String name, Kind kind, Function<ReptileConfig, Number> getter,
                        BiConsumer<ReptileConfig.Builder, Number> setter) {
        this(name, kind, getter, setter, false);
    }

    /** This field, which a complete config may leave out (it was added later; the builder's default is the old way). */
    ConfigField optional() {
        return new ConfigField(name, kind, getter, setter, true);
    }

    public boolean isOptional() {
        return optional;
    }

    static ConfigField ofLong(String name, ToLongFunction<ReptileConfig> get, ObjLongConsumer<ReptileConfig.Builder> set) {
        return new ConfigField(name, Kind.LONG, c -> get.applyAsLong(c), (b, v) -> set.accept(b, v.longValue()));
    }

    static ConfigField ofInt(String name, ToIntFunction<ReptileConfig> get, ObjIntConsumer<ReptileConfig.Builder> set) {
        return new ConfigField(name, Kind.INT, c -> get.applyAsInt(c),
                (b, v) -> set.accept(b, Math.toIntExact(v.longValue())));
    }

    static ConfigField ofDouble(String name, ToDoubleFunction<ReptileConfig> get,
                                ObjDoubleConsumer<ReptileConfig.Builder> set) {
        return new ConfigField(name, Kind.DOUBLE, c -> get.applyAsDouble(c), (b, v) -> set.accept(b, v.doubleValue()));
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /** The field's value in {@code config}: a Long, Integer or Double as {@link #kind()} says. */
    public Number get(ReptileConfig config) {
        return getter.apply(config);
    }

    /**
     * Sets the field on {@code builder}. A whole field takes {@code value.longValue()}; an INT field given a value
     * beyond int's range is an ArithmeticException (a reader checks that first, to name the field).
     */
    public void set(ReptileConfig.Builder builder, Number value) {
        setter.accept(builder, value);
    }
}
