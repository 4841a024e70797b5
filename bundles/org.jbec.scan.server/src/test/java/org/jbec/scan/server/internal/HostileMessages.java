package org.jbec.scan.server.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.jbec.bus.api.message.BecMessage;
import org.jbec.bus.redis.internal.codec.MsgpackCodec;

/**
 * Payloads nobody should send, from a fixed seed: random bytes, msgpack of the wrong shape, BEC
 * envelopes missing their fields, and messages of the right class whose fields hold what a careless
 * or hostile client might put there (wrong types, NaN, huge strings, names the services look for
 * with values they do not expect). Each class's own checks (allowed literals) still hold: a
 * message its constructor refuses cannot be encoded by a BEC client either.
 */
final class HostileMessages {

    /** Keys the services look up in metadata, parameters and configs. */
    private static final List<String> KEYS = List.of("RID", "scan_id", "device_instr_id", "queue", "args", "kwargs",
            "value", "steps", "relative", "exp_time", "device", "func", "rpc_id", "samx", "bpm4i", "scan_number",
            "info", "status", "readoutPriority", "deviceClass", "deviceConfig", "limits", "point_id", "num_points",
            "scan_motors", "readout_priority", "client_info", "position", "RID", "signals", "configure");
    /** Strings the services compare against: devices, actions, statuses, queues. */
    private static final List<String> WORDS = List.of("samx", "bpm4i", "ghost", "", "primary", "set", "read", "stage",
            "unstage", "trigger", "kickoff", "complete", "pre_scan", "rpc", "open", "closed", "aborted", "halted",
            "paused", "abort", "continue", "clear", "restart", "user_completed", "add", "update", "line_scan",
            "samx.velocity", "../../etc", "*", "\u0000", "é\u202e", "move_up", "move_to", "move_top", "completed", "running",
            "error", "user", "alarm", "step", "fly");

    private final Random random;
    private final MsgpackCodec codec = new MsgpackCodec();

    HostileMessages(long seed) {
        random = new Random(seed);
    }

    byte[] randomBytes() {
        byte[] junk = new byte[1 + random.nextInt(200)];
        random.nextBytes(junk);
        return junk;
    }

    /** Valid msgpack that is not a BEC message. */
    List<byte[]> wrongShapes() {
        return List.of(codec.encode(Map.of("a", 1L)), codec.encode(List.of(1L, "x", Map.of())), codec.encode(42L),
                codec.encode("just a string"), codec.encode(hugeString()), codec.encode(Map.of("__bec_codec__", "x")),
                codec.encode(Map.of("__bec_codec__", Map.of("encoder_name", "BECMessage", "type_name", 7L))));
    }

    /** The right envelope for {@code type} with no fields at all: every required field missing. */
    byte[] emptyEnvelope(Class<? extends BecMessage> type) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("encoder_name", "BECMessage");
        inner.put("type_name", type.getSimpleName());
        inner.put("data", Map.of());
        return codec.encode(Map.of("__bec_codec__", inner));
    }

    byte[] encode(Object message) {
        return codec.encode(message);
    }

    /** A message of that class with hostile field values; tries until the class's constructor takes one. */
    <M extends BecMessage> M message(Class<M> type) {
        return type.cast(record(type));
    }

    /** As {@link #message(Class)}, among those that {@code allowed} accepts (no legitimate reset of the session). */
    <M extends BecMessage> M message(Class<M> type, java.util.function.Predicate<M> allowed) {
        while (true) {
            M m = message(type);
            if (allowed.test(m)) {
                return m;
            }
        }
    }

    private Object record(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            for (int attempt = 0; ; attempt++) {
                Object[] values = new Object[components.length];
                for (int i = 0; i < components.length; i++) {
                    values[i] = value(components[i].getGenericType(), 0);
                }
                try {
                    return constructor.newInstance(values);
                } catch (java.lang.reflect.InvocationTargetException refused) {
                    if (attempt > 10_000) {
                        throw new IllegalStateException("no hostile " + type.getSimpleName(), refused.getCause());
                    }
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object value(Type type, int depth) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw.isRecord()) {
            return random.nextInt(5) == 0 ? null : record(raw);
        }
        if (raw == String.class) {
            return random.nextInt(8) == 0 ? null : word();
        }
        if (raw == Long.class || raw == long.class) {
            return new long[] {0, -1, 1, Long.MAX_VALUE, Long.MIN_VALUE, 3}[random.nextInt(6)];
        }
        if (raw == Double.class || raw == double.class) {
            return number();
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return random.nextBoolean();
        }
        if (Map.class.isAssignableFrom(raw)) {
            return random.nextInt(10) == 0 ? null : map(depth);
        }
        if (List.class.isAssignableFrom(raw)) {
            return list(depth);
        }
        return anything(depth);
    }

    private Object anything(int depth) {
        return switch (random.nextInt(depth > 2 ? 5 : 7)) {
            case 0 -> null;
            case 1 -> word();
            case 2 -> number();
            case 3 -> random.nextBoolean();
            case 4 -> (long) random.nextInt(7) - 3;
            case 5 -> map(depth);
            default -> list(depth);
        };
    }

    private Map<String, Object> map(int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            m.put(KEYS.get(random.nextInt(KEYS.size())), anything(depth + 1));
        }
        return m;
    }

    private List<Object> list(int depth) {
        List<Object> l = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            l.add(anything(depth + 1));
        }
        return l;
    }

    private String word() {
        return random.nextInt(50) == 0 ? hugeString() : WORDS.get(random.nextInt(WORDS.size()));
    }

    private double number() {
        return new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 1e308, -1e308,
                Double.MIN_VALUE, 0.5, -3}[random.nextInt(10)];
    }

    /** One megabyte of text. */
    static String hugeString() {
        return "x".repeat(1 << 20);
    }
}
