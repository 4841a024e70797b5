package org.jbec.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the fields of one device (bec-behaviour.md §1.2), collecting every problem with its position. */
final class DeviceFieldReader {

    private final String file;
    private final String device;
    private final List<ConfigProblem> problems;
    private final List<ConfigProblem> warnings;
    private boolean failed;

    DeviceFieldReader(String file, String device, List<ConfigProblem> problems, List<ConfigProblem> warnings) {
        this.file = file;
        this.device = device;
        this.problems = problems;
        this.warnings = warnings;
    }

    /** The device, or null when any of its fields has a problem (all of them are reported). */
    DeviceConfig read(YamlNode node, Set<String> known) {
        if (!(node instanceof YamlNode.Mapping m)) {
            problem(node.mark(), "", "a device is a mapping of its fields, not " + node.kind());
            return null;
        }
        for (String key : m.entries().keySet()) {
            if (!known.contains(key)) {
                warnings.add(DeviceSessionReader.at(file, m.keyMarks().get(key), device, key,
                        "unknown field, ignored (as BEC does); the fields are " + String.join(", ",
                                known.stream().sorted().toList())));
            }
        }
        Boolean enabled = bool(m, "enabled", null);
        String deviceClass = string(m, "deviceClass", null, false);
        if (deviceClass != null && deviceClass.isBlank()) {
            problem(m.entries().get("deviceClass").mark(), "deviceClass", "is blank; name the device class");
        }
        String priority = literal(m, "readoutPriority", null, DeviceConfig.READOUT_PRIORITIES);
        Map<String, Object> deviceConfig = map(m, "deviceConfig", true);
        double timeout = number(m, "connectionTimeout", 5.0);
        String description = string(m, "description", "", true);
        List<String> tags = strings(m, "deviceTags");
        List<String> needs = strings(m, "needs");
        String onFailure = literal(m, "onFailure", "retry", DeviceConfig.ON_FAILURE);
        boolean readOnly = bool(m, "readOnly", false);
        boolean softwareTrigger = bool(m, "softwareTrigger", false);
        Map<String, Object> userParameter = map(m, "userParameter", false);
        if (failed) {
            return null;
        }
        return new DeviceConfig(device, enabled, deviceClass, priority, deviceConfig, timeout,
                description == null ? "" : description, new LinkedHashSet<>(tags), needs, onFailure, readOnly,
                softwareTrigger, userParameter == null ? new LinkedHashMap<>() : userParameter);
    }

    private void problem(YamlNode.Mark mark, String field, String message) {
        failed = true;
        problems.add(DeviceSessionReader.at(file, mark, device, field, message));
    }

    /** The node of a field; a missing required field is reported at the device. */
    private YamlNode field(YamlNode.Mapping m, String name, boolean required) {
        YamlNode node = m.entries().get(name);
        if (node == null && required) {
            problem(m.mark(), name, "is required");
        }
        return node;
    }

    private static boolean isNull(YamlNode node) {
        return node instanceof YamlNode.Scalar s && s.value() == null;
    }

    private Boolean bool(YamlNode.Mapping m, String name, Boolean def) {
        YamlNode node = field(m, name, def == null);
        if (node == null) {
            return def;
        }
        if (node instanceof YamlNode.Scalar s && s.value() instanceof Boolean b) {
            return b;
        }
        problem(node.mark(), name, "must be true or false, is " + node.kind());
        return def;
    }

    private String string(YamlNode.Mapping m, String name, String def, boolean nullable) {
        YamlNode node = field(m, name, def == null && !nullable);
        if (node == null || (nullable && isNull(node))) {
            return def;
        }
        if (node instanceof YamlNode.Scalar s && s.value() instanceof String str) {
            return str;
        }
        problem(node.mark(), name, "must be a string, is " + node.kind());
        return def;
    }

    private String literal(YamlNode.Mapping m, String name, String def, Set<String> allowed) {
        String value = string(m, name, def, false);
        if (value != null && !allowed.contains(value)) {
            problem(m.entries().get(name).mark(), name, "'" + value + "' is not one of "
                    + String.join(", ", allowed.stream().sorted().toList()));
        }
        return value;
    }

    private double number(YamlNode.Mapping m, String name, double def) {
        YamlNode node = field(m, name, false);
        if (node == null) {
            return def;
        }
        if (node instanceof YamlNode.Scalar s && s.value() instanceof Number n) {
            if (n.doubleValue() < 0 || Double.isNaN(n.doubleValue()) || Double.isInfinite(n.doubleValue())) {
                problem(node.mark(), name, n + " must be a finite number of seconds, 0 or more");
                return def;
            }
            return n.doubleValue();
        }
        problem(node.mark(), name, "must be a number (seconds), is " + node.kind());
        return def;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(YamlNode.Mapping m, String name, boolean nullAllowed) {
        YamlNode node = field(m, name, false);
        if (node == null || isNull(node)) {
            return nullAllowed ? null : new LinkedHashMap<>();
        }
        if (node instanceof YamlNode.Mapping) {
            return (Map<String, Object>) YamlValues.plain(node);
        }
        problem(node.mark(), name, "must be a mapping, is " + node.kind());
        return null;
    }

    /** A list of strings; null or absent is empty; a single string is a list of one (as a set would take it). */
    private List<String> strings(YamlNode.Mapping m, String name) {
        YamlNode node = field(m, name, false);
        List<String> out = new ArrayList<>();
        if (node == null || isNull(node)) {
            return out;
        }
        if (!(node instanceof YamlNode.Sequence seq)) {
            problem(node.mark(), name, "must be a list of names, is " + node.kind());
            return out;
        }
        for (YamlNode item : seq.items()) {
            if (item instanceof YamlNode.Scalar s && s.value() instanceof String str) {
                out.add(str);
            } else {
                problem(item.mark(), name, "must list names (strings), has " + item.kind());
            }
        }
        return out;
    }
}
