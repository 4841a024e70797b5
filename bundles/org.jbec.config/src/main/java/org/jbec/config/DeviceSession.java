package org.jbec.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated device session: the devices in load order (BEC's {@code needs} order: dependencies
 * first, otherwise the file's order), and what is worth a look but does not stop loading.
 *
 * @param source   the file it was read from
 * @param devices  the devices in load order
 * @param warnings unknown keys (ignored, as BEC does), dependencies on disabled devices, files
 *                 included twice
 */
public record DeviceSession(String source, List<DeviceConfig> devices, List<ConfigProblem> warnings) {

    public DeviceSession {
        devices = List.copyOf(devices);
        warnings = List.copyOf(warnings);
    }

    public Optional<DeviceConfig> device(String name) {
        return devices.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** Devices by name, in load order. */
    public Map<String, DeviceConfig> byName() {
        Map<String, DeviceConfig> m = new LinkedHashMap<>();
        devices.forEach(d -> m.put(d.name(), d));
        return m;
    }
}
