package org.jbec.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BEC's load order (bec-behaviour.md §1.7): Kahn's algorithm, stable in the session's order. A
 * dependency on an unknown device or a cycle is an error; one on a disabled device a warning.
 */
final class LoadOrder {

    private LoadOrder() {
    }

    /**
     * @param devices   by name, in the session's order
     * @param locations "file:line" of each device, for messages
     */
    static List<DeviceConfig> sort(Map<String, DeviceConfig> devices, Map<String, String> locations,
            List<ConfigProblem> problems, List<ConfigProblem> warnings) {
        boolean complete = true;
        for (DeviceConfig d : devices.values()) {
            for (String need : d.needs()) {
                DeviceConfig dependency = devices.get(need);
                if (dependency == null) {
                    problems.add(problem(locations.get(d.name()), d.name() + ".needs",
                            "needs '" + need + "', which is not in the session"));
                    complete = false;
                } else if (!dependency.enabled() && d.enabled()) {
                    warnings.add(problem(locations.get(d.name()), d.name() + ".needs",
                            "needs '" + need + "', which is disabled"));
                }
            }
        }
        if (!complete) {
            return List.copyOf(devices.values());
        }
        List<DeviceConfig> ordered = new ArrayList<>(devices.size());
        Set<String> placed = new LinkedHashSet<>();
        Map<String, DeviceConfig> waiting = new LinkedHashMap<>(devices);
        boolean progress = true;
        while (!waiting.isEmpty() && progress) {
            progress = false;
            for (var it = waiting.values().iterator(); it.hasNext();) {
                DeviceConfig d = it.next();
                if (placed.containsAll(d.needs())) {
                    ordered.add(d);
                    placed.add(d.name());
                    it.remove();
                    progress = true;
                    break; // stable: always the first ready device in session order
                }
            }
        }
        if (!waiting.isEmpty()) {
            String first = waiting.keySet().iterator().next();
            problems.add(problem(locations.get(first), first + ".needs",
                    "the needs of " + String.join(", ", waiting.keySet()) + " form a cycle"));
        }
        return ordered;
    }

    private static ConfigProblem problem(String location, String key, String message) {
        int colon = location.lastIndexOf(':');
        return new ConfigProblem(location.substring(0, colon), Integer.parseInt(location.substring(colon + 1)), 0, key,
                message);
    }
}
