package org.jbec.device.sim.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a deviceConfig against the keys a class accepts and reads typed values from it. */
final class ConfigKeys {

    /** Keys BEC's device server handles for every class (§1.5). */
    static final Set<String> COMMON = Set.of("device_access", "labels", "sim_init", "device_mapping");

    private ConfigKeys() {
    }

    static List<String> unknown(String className, Map<String, Object> config, Set<String> accepted) {
        List<String> problems = new ArrayList<>();
        for (String key : config.keySet()) {
            if (!accepted.contains(key) && !COMMON.contains(key)) {
                problems.add("deviceConfig." + key + ": not accepted by " + className + " (accepted: "
                        + String.join(", ", accepted.stream().sorted().toList()) + ")");
            }
        }
        return problems;
    }

    static void number(List<String> problems, Map<String, Object> config, String key, boolean positive) {
        Object v = config.get(key);
        if (v != null && (!(v instanceof Number n) || (positive && n.doubleValue() <= 0))) {
            problems.add("deviceConfig." + key + ": must be a " + (positive ? "positive " : "") + "number, is " + v);
        }
    }

    /** A value (null: not given) that must be one of {@code allowed}, listed for people as {@code listed}. */
    static void oneOf(List<String> problems, String key, Object value, Set<?> allowed, String listed) {
        if (value != null && !allowed.contains(value)) {
            problems.add("deviceConfig." + key + ": '" + value + "' is not one of " + listed);
        }
    }

    static double number(Map<String, Object> config, String key, double def) {
        return config.get(key) instanceof Number n ? n.doubleValue() : def;
    }

    /** {@code limits: [low, high]} of two numbers. */
    static void limits(List<String> problems, Map<String, Object> config) {
        Object v = config.get("limits");
        if (v != null && !(v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number
                && l.get(1) instanceof Number)) {
            problems.add("deviceConfig.limits: must be [low, high], is " + v);
        }
    }
}
