package org.jbec.dap;

import java.util.List;
import java.util.Locale;

/** A background added to a fit model, with lmfit's parameter names for it. */
public enum Background {
    /** The model alone. */
    NONE(List.of()),
    /** A constant offset {@code c} (lmfit's ConstantModel). */
    CONSTANT(List.of("c")),
    /** A straight line {@code slope * x + intercept} (lmfit's LinearModel). */
    LINEAR(List.of("slope", "intercept"));

    private final List<String> parameterNames;

    Background(List<String> parameterNames) {
        this.parameterNames = parameterNames;
    }

    public List<String> parameterNames() {
        return parameterNames;
    }

    /** The background's value at {@code x} for its parameters. */
    public double value(double x, double[] p, int offset) {
        return switch (this) {
            case NONE -> 0;
            case CONSTANT -> p[offset];
            case LINEAR -> p[offset] * x + p[offset + 1];
        };
    }

    /** Parses {@code none}, {@code constant} or {@code linear} (any case). */
    public static Background parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("background must be none, constant or linear, not '" + name + "'");
        }
    }
}
