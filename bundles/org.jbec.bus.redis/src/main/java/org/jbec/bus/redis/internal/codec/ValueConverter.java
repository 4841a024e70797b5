package org.jbec.bus.redis.internal.codec;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jbec.bus.api.CodecException;
import org.jbec.bus.api.message.BecMessage;
import org.jbec.bus.api.message.BecModel;
import org.jbec.bus.api.message.BecStatus;

/**
 * Converts a decoded value to a record component's declared type, as pydantic validates a field:
 * ints into float fields, plain dicts into nested models, envelopes already decoded pass through.
 */
final class ValueConverter {

    @SuppressWarnings("unchecked")
    Object convert(Object value, Type target, String field) {
        if (value == null) {
            return null;
        }
        Class<?> raw = rawClass(target);
        if (raw == Object.class) {
            return value;
        }
        if (raw == String.class) {
            if (value instanceof String) {
                return value;
            }
            throw wrong(field, "str", value);
        }
        if (raw == Long.class) {
            if (value instanceof Long) {
                return value;
            }
            if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
                return d.longValue();
            }
            throw wrong(field, "int", value);
        }
        if (raw == Double.class) {
            if (value instanceof Number n && !(value instanceof java.math.BigInteger)) {
                return n.doubleValue();
            }
            throw wrong(field, "float", value);
        }
        if (raw == Boolean.class) {
            if (value instanceof Boolean) {
                return value;
            }
            throw wrong(field, "bool", value);
        }
        if (raw == BecStatus.class) {
            if (value instanceof BecStatus) {
                return value;
            }
            if (value instanceof Long l) {
                try {
                    return BecStatus.of(l);
                } catch (IllegalArgumentException e) {
                    throw new CodecException(field + ": " + e.getMessage());
                }
            }
            throw wrong(field, "BECStatus", value);
        }
        if (raw == Map.class) {
            if (!(value instanceof Map<?, ?> map)) {
                throw wrong(field, "dict", value);
            }
            Type valueType = typeArgument(target, 1);
            if (rawClass(valueType) == Object.class) {
                return value;
            }
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(e.getKey(), convert(e.getValue(), valueType, field + "." + e.getKey()));
            }
            return out;
        }
        if (raw == List.class) {
            if (!(value instanceof List<?> list)) {
                throw wrong(field, "list", value);
            }
            Type elementType = typeArgument(target, 0);
            if (rawClass(elementType) == Object.class) {
                return value;
            }
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(convert(list.get(i), elementType, field + "[" + i + "]"));
            }
            return out;
        }
        if (raw.isInstance(value)) {
            return value;
        }
        if ((BecModel.class.isAssignableFrom(raw) || BecMessage.class.isAssignableFrom(raw)) && raw.isRecord()
                && value instanceof Map<?, ?> map) {
            // a nested model (or a message inside a model dump) arrives as a plain dict
            return RecordSchema.of(raw).build(map, this);
        }
        throw wrong(field, raw.getSimpleName(), value);
    }

    private static CodecException wrong(String field, String expected, Object value) {
        return new CodecException(field + ": expected " + expected + ", got " + describe(value));
    }

    static String describe(Object value) {
        if (value instanceof String s) {
            return "str '" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
        }
        if (value instanceof Long || value instanceof java.math.BigInteger) {
            return "int " + value;
        }
        if (value instanceof Double) {
            return "float " + value;
        }
        if (value instanceof Boolean) {
            return "bool " + value;
        }
        if (value instanceof Map) {
            return "dict";
        }
        if (value instanceof List) {
            return "list";
        }
        if (value instanceof byte[] b) {
            return "bytes (" + b.length + ")";
        }
        return value.getClass().getSimpleName();
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    /** getActualTypeArguments copies its array at every call; record component types are few and fixed. */
    private final java.util.Map<ParameterizedType, Type[]> typeArguments = new java.util.concurrent.ConcurrentHashMap<>();

    private Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            Type[] arguments = typeArguments.computeIfAbsent(p, ParameterizedType::getActualTypeArguments);
            if (arguments.length > index) {
                return arguments[index];
            }
        }
        return Object.class;
    }
}
