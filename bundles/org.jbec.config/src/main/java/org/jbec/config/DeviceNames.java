package org.jbec.config;

import java.util.Set;

/**
 * BEC's device name rules (bec-behaviour.md §1.3): a Python identifier, not a Python keyword, not
 * starting with "_", and not an attribute of the client's device container.
 */
public final class DeviceNames {

    private static final Set<String> PYTHON_KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert",
            "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for",
            "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
            "return", "try", "while", "with", "yield");

    /** The client's device container is a dict: its methods and the container's own helpers. */
    private static final Set<String> CONTAINER_ATTRIBUTES = Set.of("clear", "copy", "fromkeys", "get", "items",
            "keys", "pop", "popitem", "setdefault", "update", "values", "wm", "show_all", "get_devices_with_tags",
            "monitored_devices", "baseline_devices", "async_devices", "continuous_devices", "on_request_devices",
            "enabled_devices", "disabled_devices", "readout_priority", "get_software_triggered_devices", "flush");

    private DeviceNames() {
    }

    /** Why a name is not allowed, or null when it is. */
    public static String problem(String name) {
        if (name.isEmpty()) {
            return "a device name must not be empty";
        }
        if (!Character.isLetter(name.codePointAt(0)) && name.charAt(0) != '_') {
            return "'" + name + "' is not a valid device name: it must start with a letter";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_') {
                return "'" + name + "' is not a valid device name: '" + c + "' is not allowed (letters, digits, _)";
            }
        }
        if (name.startsWith("_")) {
            return "'" + name + "' is not a valid device name: it must not start with '_'";
        }
        if (PYTHON_KEYWORDS.contains(name)) {
            return "'" + name + "' is not a valid device name: it is a Python keyword";
        }
        if (CONTAINER_ATTRIBUTES.contains(name)) {
            return "'" + name + "' is not a valid device name: it is reserved by BEC's device container";
        }
        return null;
    }
}
