package org.jbec.bus.redis.internal.codec;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jbec.bus.api.message.BecStatus;
import org.jbec.bus.api.message.Default;
import org.jbec.bus.api.message.DeviceAsyncUpdate;
import org.jbec.bus.api.message.ScanQueueStatus;
import org.jbec.bus.api.message.ScanQueueStatusMessage;

/**
 * A valid instance of any message or model record, every component filled (not left to defaults),
 * literal fields with their first allowed value: for round-trip tests over every class.
 */
final class Samples {

    private Samples() {
    }

    static Object of(Class<?> type) {
        if (type == ScanQueueStatusMessage.class) {
            Map<String, ScanQueueStatus> queues = new LinkedHashMap<>();
            queues.put("primary", (ScanQueueStatus) of(ScanQueueStatus.class));
            return new ScanQueueStatusMessage(meta(), queues);
        }
        if (type == DeviceAsyncUpdate.class) {
            return new DeviceAsyncUpdate("add_slice", new ArrayList<>(List.of(10L, 20L)), 2L);
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            args[i] = c.getName().equals("metadata") ? meta() : value(type, c);
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a sample " + type.getSimpleName() + ": " + e.getCause(), e);
        }
    }

    private static Map<String, Object> meta() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("RID", "r-1");
        m.put("scan_id", "s-1");
        return m;
    }

    private static Object value(Class<?> owner, RecordComponent c) {
        Collection<?> allowed = allowed(owner, c.getName());
        if (allowed != null) {
            return allowed.stream().map(Object::toString).sorted().findFirst()
                    .map(v -> c.getType() == Long.class ? (Object) Long.valueOf(v) : v).orElseThrow();
        }
        if (c.getAnnotation(Default.class) != null && c.getAnnotation(Default.class).value().equals("now")) {
            return 1764420000.125;
        }
        return sample(c.getGenericType());
    }

    private static Object sample(Type type) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class) {
            return "text";
        }
        if (raw == Long.class) {
            return 7L;
        }
        if (raw == Double.class) {
            return 2.5;
        }
        if (raw == Boolean.class) {
            return Boolean.TRUE;
        }
        if (raw == BecStatus.class) {
            return BecStatus.RUNNING;
        }
        if (raw == Object.class) {
            return "any";
        }
        if (raw == org.jbec.bus.api.message.BecMessage.class) {
            return of(org.jbec.bus.api.message.VariableMessage.class);
        }
        if (raw == Map.class) {
            Map<String, Object> m = new LinkedHashMap<>();
            Type valueType = ((ParameterizedType) type).getActualTypeArguments()[1];
            m.put("key", valueType == Object.class ? List.of(1L, 2.0, "three") : sample(valueType));
            return m;
        }
        if (raw == List.class) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            return new ArrayList<>(List.of(element == Object.class ? "item" : sample(element)));
        }
        return of(raw);
    }

    /** The {@code <COMPONENT>_VALUES} constant of a literal field, if the class declares one. */
    private static Collection<?> allowed(Class<?> owner, String component) {
        String constant = component.replaceAll("([A-Z])", "_$1").toUpperCase(java.util.Locale.ROOT) + "_VALUES";
        for (Field f : owner.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getName().equals(constant)) {
                try {
                    return (Collection<?>) f.get(null);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }
}
