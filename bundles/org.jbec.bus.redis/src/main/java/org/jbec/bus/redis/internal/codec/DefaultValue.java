package org.jbec.bus.redis.internal.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.UUID;
import java.util.function.Supplier;

import org.jbec.bus.api.message.Default;
import org.jbec.bus.api.message.ServiceVersions;

/** Turns a {@link Default} literal into a supplier of fresh values (mutable containers are new each time). */
final class DefaultValue {

    private DefaultValue() {
    }

    static Supplier<Object> of(String literal) {
        String s = literal.strip();
        switch (s) {
            case "null":
                return () -> null;
            case "true":
                return () -> Boolean.TRUE;
            case "false":
                return () -> Boolean.FALSE;
            case "{}":
                return LinkedHashMap::new;
            case "[]":
                return ArrayList::new;
            case "[{}, null]":
                return () -> new ArrayList<>(Arrays.asList(new LinkedHashMap<>(), null));
            case "now":
                return () -> System.currentTimeMillis() / 1000.0;
            case "uuid4":
                return () -> UUID.randomUUID().toString();
            case "versions":
                return () -> new ServiceVersions("Not found", "Not found", "Not found", "Not found", "Not found");
            default:
                break;
        }
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            String value = s.substring(1, s.length() - 1);
            return () -> value;
        }
        if (s.matches("-?\\d+")) {
            Long value = Long.valueOf(s);
            return () -> value;
        }
        if (s.matches("-?\\d+\\.\\d*([eE][-+]?\\d+)?")) {
            Double value = Double.valueOf(s);
            return () -> value;
        }
        throw new IllegalArgumentException("unsupported @Default literal: " + literal);
    }
}
