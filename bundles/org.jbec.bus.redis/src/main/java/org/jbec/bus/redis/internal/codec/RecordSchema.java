package org.jbec.bus.redis.internal.codec;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jbec.bus.api.CodecException;
import org.jbec.bus.api.message.Default;
import org.jbec.bus.api.message.WireName;

/**
 * How one message or model record maps to its wire fields: the components in declaration order
 * (which is BEC's field order), their wire names, types and defaults, and the canonical
 * constructor. Built once per class.
 */
final class RecordSchema {

    /** One field: wire name, accessor, declared (generic) type, default (null: required). */
    record Field(String wireName, byte[] packedWireName, java.util.function.Function<Object, Object> accessor, Type type,
            Class<?> rawType, Supplier<Object> defaultValue) {
    }

    /**
     * The accessor as a plain function: a method handle kept in a field is not a constant, so every
     * call through it takes the slow invoker path (a fifth of the scan server's CPU when measured);
     * a generated lambda is an ordinary call the JIT inlines. Falls back to the handle when the
     * record's class cannot be linked from here.
     */
    @SuppressWarnings("unchecked")
    private static java.util.function.Function<Object, Object> accessor(MethodHandle handle, Class<?> record) {
        try {
            MethodHandles.Lookup own = MethodHandles.lookup();
            return (java.util.function.Function<Object, Object>) java.lang.invoke.LambdaMetafactory.metafactory(own,
                    "apply", MethodType.methodType(java.util.function.Function.class),
                    MethodType.methodType(Object.class, Object.class), handle,
                    MethodType.methodType(handle.type().returnType().isPrimitive()
                            ? handle.type().wrap().returnType() : handle.type().returnType(), record))
                    .getTarget().invokeExact();
        } catch (Throwable e) {
            MethodHandle generic = handle.asType(MethodType.methodType(Object.class, Object.class));
            return value -> {
                try {
                    return (Object) generic.invokeExact(value);
                } catch (RuntimeException | Error x) {
                    throw x;
                } catch (Throwable x) {
                    throw new IllegalStateException(x);
                }
            };
        }
    }

    /** The msgpack bytes of a field name, written as is for every message. */
    private static byte[] packed(String name) {
        try (org.msgpack.core.MessageBufferPacker p = org.msgpack.core.MessagePack.newDefaultBufferPacker()) {
            p.packString(name);
            return p.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * One instance of each field type: many records declare {@code Map<String, Object> metadata},
     * each component with its own equal type object. The converter's cache of type arguments then
     * finds them by identity; with distinct instances a lookup compared them with equals, which
     * copies their type arguments (1.2 % of the bus reader's samples in a profile of the scan bench).
     */
    private static final Map<Type, Type> TYPES =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static Type canonical(Type type) {
        Type known = TYPES.putIfAbsent(type, type);
        return known != null ? known : type;
    }

    private static final ClassValue<RecordSchema> SCHEMAS = new ClassValue<>() {
        @Override
        protected RecordSchema computeValue(Class<?> type) {
            return new RecordSchema(type);
        }
    };

    private final Class<?> type;
    private final List<Field> fields;
    private final MethodHandle constructor;
    /** "Type.field" of each field, for conversion errors; made once, not per message. */
    private final String[] paths;
    /** Field index by wire name, for decoding a message's fields straight into its constructor's arguments. */
    private final Map<String, Integer> indexes;
    /** Marks a field the wire did not carry (a carried nil is null). */
    private static final Object MISSING = new Object();

    static RecordSchema of(Class<?> recordClass) {
        return SCHEMAS.get(recordClass);
    }

    private RecordSchema(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        this.type = type;
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        RecordComponent[] components = type.getRecordComponents();
        List<Field> list = new ArrayList<>(components.length);
        Class<?>[] parameterTypes = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                WireName wire = c.getAnnotation(WireName.class);
                Default def = c.getAnnotation(Default.class);
                Supplier<Object> defaultValue = def == null ? null : DefaultValue.of(def.value());
                if (c.getName().equals("metadata")) {
                    defaultValue = java.util.LinkedHashMap::new;
                }
                java.util.function.Function<Object, Object> accessor = accessor(lookup.unreflect(c.getAccessor()), type);
                String wireName = wire != null ? wire.value() : snakeCase(c.getName());
                list.add(new Field(wireName, packed(wireName), accessor, canonical(c.getGenericType()), c.getType(),
                        defaultValue));
                parameterTypes[i] = c.getType();
            }
            this.constructor = lookup.findConstructor(type, MethodType.methodType(void.class, parameterTypes))
                    .asSpreader(Object[].class, parameterTypes.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot access record " + type.getName(), e);
        }
        this.fields = List.copyOf(list);
        this.paths = fields.stream().map(f -> type.getSimpleName() + "." + f.wireName()).toArray(String[]::new);
        Map<String, Integer> byName = new java.util.HashMap<>();
        for (int i = fields.size() - 1; i >= 0; i--) {
            byName.put(fields.get(i).wireName(), i); // the first field of a name wins, as in build(Map)
        }
        this.indexes = Map.copyOf(byName);
    }

    static String snakeCase(String name) {
        StringBuilder s = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                s.append('_').append(Character.toLowerCase(c));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    List<Field> fields() {
        return fields;
    }

    Object value(Field field, Object record) {
        try {
            return field.accessor().apply(record);
        } catch (RuntimeException e) {
            throw new CodecException("cannot read " + type.getSimpleName() + "." + field.wireName(), e);
        }
    }

    /**
     * Builds the record from wire fields: missing fields take their defaults, unknown ones are
     * ignored, each value is converted to the component's type.
     *
     * @throws CodecException naming the class and field for a missing required field, a value of the
     *                        wrong type, or a value the record rejects
     */
    Object build(Map<?, ?> data, ValueConverter converter) {
        Object[] values = missingValues();
        for (int i = 0; i < values.length; i++) {
            String name = fields.get(i).wireName();
            if (data.containsKey(name)) {
                values[i] = data.get(name);
            }
        }
        return build(values, converter);
    }

    /** One slot per field, each marked missing: the decoder fills in the fields it reads. */
    Object[] missingValues() {
        Object[] values = new Object[fields.size()];
        java.util.Arrays.fill(values, MISSING);
        return values;
    }

    /** The field of a wire name, or -1 for a field this record does not have (ignored, as pydantic does). */
    int index(String wireName) {
        Integer i = indexes.get(wireName);
        return i == null ? -1 : i;
    }

    /**
     * Builds the record from the wire values of its fields ({@link #missingValues} where the wire
     * had none), converted in place into the constructor's arguments.
     */
    Object build(Object[] values, ValueConverter converter) {
        for (int i = 0; i < values.length; i++) {
            Field f = fields.get(i);
            Object raw = values[i];
            if (raw == MISSING) {
                if (f.defaultValue() == null) {
                    throw new CodecException(typeName() + "." + f.wireName() + " is missing");
                }
                raw = f.defaultValue().get();
            }
            values[i] = converter.convert(raw, f.type(), paths[i]);
        }
        try {
            return (Object) constructor.invokeExact(values);
        } catch (IllegalArgumentException e) {
            throw new CodecException(e.getMessage(), e);
        } catch (Throwable e) {
            throw new CodecException("cannot build " + typeName() + ": " + e, e);
        }
    }

    String typeName() {
        return type.getSimpleName();
    }
}
