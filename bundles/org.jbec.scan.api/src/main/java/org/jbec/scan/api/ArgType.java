package org.jbec.scan.api;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The argument types BEC's scans use, under the names BEC serialises them with. */
public enum ArgType {
    /** a device of the session, given by name */
    DEVICE("DeviceBase"),
    FLOAT("float"),
    INT("int"),
    BOOL("bool"),
    STR("str"),
    LIST("list"),
    DICT("dict"),
    /** no annotation: anything */
    ANY("_empty");

    private final String wireName;

    ArgType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The type of a wire name; BEC's v4 name for devices ("device") is accepted too. */
    public static Optional<ArgType> ofWireName(String name) {
        if ("device".equals(name)) {
            return Optional.of(DEVICE);
        }
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    /** Whether a decoded value is of this type, as Python would see it (an int is also a float). */
    public boolean accepts(Object value) {
        return switch (this) {
            case DEVICE, STR -> value instanceof String;
            case FLOAT -> value instanceof Number;
            case INT -> value instanceof Long || value instanceof Integer || value instanceof Short;
            case BOOL -> value instanceof Boolean;
            case LIST -> value instanceof Collection<?>;
            case DICT -> value instanceof Map<?, ?>;
            case ANY -> true;
        };
    }
}
