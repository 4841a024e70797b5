package org.jbec.scan.api;

import java.util.List;
import java.util.Objects;

/**
 * One parameter of a scan's signature, as BEC publishes it ({@code name, kind, default,
 * annotation}), with the bounds of BEC's {@code ScanArgument} metadata.
 *
 * @param defaultValue the default, or {@link #NO_DEFAULT} when the caller must give it
 * @param nullable     whether {@code None} is allowed besides {@code type}
 * @param choices      the allowed values (a Literal); empty when any value of the type is allowed
 * @param gt           exclusive lower bound, or null; likewise {@code ge}, {@code lt}, {@code le}
 */
public record ScanParameter(String name, Kind kind, Object defaultValue, ArgType type, boolean nullable,
        List<Object> choices, Double gt, Double ge, Double lt, Double le, String description) {

    /** BEC's marker for "no default". */
    public static final String NO_DEFAULT = "_empty";

    /** Python's parameter kinds, under their Python names. */
    public enum Kind {
        POSITIONAL_ONLY, POSITIONAL_OR_KEYWORD, VAR_POSITIONAL, KEYWORD_ONLY, VAR_KEYWORD
    }

    public ScanParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        // a Literal may include None: no List.copyOf, which refuses nulls
        choices = choices == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(choices));
        description = description == null ? "" : description;
    }

    /** A positional parameter without default. */
    public static ScanParameter required(String name, ArgType type) {
        return new ScanParameter(name, Kind.POSITIONAL_OR_KEYWORD, NO_DEFAULT, type, false, List.of(), null, null,
                null, null, "");
    }

    /** A keyword-only parameter with a default ({@code null} for None, which makes it nullable). */
    public static ScanParameter keyword(String name, ArgType type, Object defaultValue) {
        return new ScanParameter(name, Kind.KEYWORD_ONLY, defaultValue, type, defaultValue == null, List.of(), null,
                null, null, null, "");
    }

    /** A keyword-only parameter the caller must give. */
    public static ScanParameter requiredKeyword(String name, ArgType type) {
        return new ScanParameter(name, Kind.KEYWORD_ONLY, NO_DEFAULT, type, false, List.of(), null, null, null, null,
                "");
    }

    /** Python's {@code *args} / {@code **kwargs}. */
    public static ScanParameter variadic(String name, Kind kind) {
        return new ScanParameter(name, kind, NO_DEFAULT, ArgType.ANY, false, List.of(), null, null, null, null, "");
    }

    public boolean hasDefault() {
        return !NO_DEFAULT.equals(defaultValue);
    }

    public ScanParameter atLeast(double bound) {
        return new ScanParameter(name, kind, defaultValue, type, nullable, choices, gt, bound, lt, le, description);
    }

    public ScanParameter above(double bound) {
        return new ScanParameter(name, kind, defaultValue, type, nullable, choices, bound, ge, lt, le, description);
    }

    public ScanParameter atMost(double bound) {
        return new ScanParameter(name, kind, defaultValue, type, nullable, choices, gt, ge, lt, bound, description);
    }

    public ScanParameter oneOf(List<Object> allowed) {
        return new ScanParameter(name, kind, defaultValue, type, nullable, allowed, gt, ge, lt, le, description);
    }

    public ScanParameter orNone() {
        return new ScanParameter(name, kind, defaultValue, type, true, choices, gt, ge, lt, le, description);
    }

    public ScanParameter described(String text) {
        return new ScanParameter(name, kind, defaultValue, type, nullable, choices, gt, ge, lt, le, text);
    }

    /** Whether the parameter stands for {@code *args} or {@code **kwargs}. */
    public boolean variadic() {
        return kind == Kind.VAR_POSITIONAL || kind == Kind.VAR_KEYWORD;
    }
}
