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
    record Field(String wireName, byte[] packedWireName, MethodHandle accessor, Type type, Class<?> rawType,
            Supplier<Object> defaultValue) {
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

    private static final ClassValue<RecordSchema> SCHEMAS = new ClassValue<>() {
        @Override
        protected RecordSchema computeValue(Class<?> type) {
            return new RecordSchema(type);
        }
    };

    private final Class<?> type;
    private final List<Field> fields;
    private final MethodHandle constructor;

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
                MethodHandle accessor = lookup.unreflect(c.getAccessor())
                        .asType(MethodType.methodType(Object.class, Object.class));
                String wireName = wire != null ? wire.value() : snakeCase(c.getName());
                list.add(new Field(wireName, packed(wireName), accessor, c.getGenericType(), c.getType(),
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
            return (Object) field.accessor().invokeExact(record);
        } catch (Throwable e) {
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
        Object[] args = new Object[fields.size()];
        for (int i = 0; i < args.length; i++) {
            Field f = fields.get(i);
            Object raw;
            if (data.containsKey(f.wireName())) {
                raw = data.get(f.wireName());
            } else if (f.defaultValue() != null) {
                raw = f.defaultValue().get();
            } else {
                throw new CodecException(typeName() + "." + f.wireName() + " is missing");
            }
            args[i] = converter.convert(raw, f.type(), typeName() + "." + f.wireName());
        }
        try {
            return (Object) constructor.invokeExact(args);
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
