package org.jbec.scan.server.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.AvailableResourceMessage;

/**
 * The device session as the scan server needs it when a scan starts: per device its readout
 * priority, whether it is enabled, read-only or software-triggered. Read from
 * {@code info/devices/config} (what the device server persisted), so the scan server needs no device
 * classes of its own and can run in another framework.
 */
final class SessionDevices {

    record Entry(String name, boolean enabled, boolean readOnly, String readoutPriority, boolean softwareTrigger) {
    }

    private final Map<String, Entry> devices;

    private SessionDevices(Map<String, Entry> devices) {
        this.devices = devices;
    }

    static SessionDevices read(Connector bus) {
        Map<String, Entry> devices = new LinkedHashMap<>();
        Object session = bus.get(Endpoints.deviceConfig()).map(AvailableResourceMessage::resource).orElse(List.of());
        if (session instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> config && config.get("name") instanceof String name) {
                    devices.putIfAbsent(name, new Entry(name, !Boolean.FALSE.equals(config.get("enabled")),
                            Boolean.TRUE.equals(config.get("readOnly")),
                            config.get("readoutPriority") instanceof String p ? p : "baseline",
                            Boolean.TRUE.equals(config.get("softwareTrigger"))));
                }
            }
        }
        return new SessionDevices(devices);
    }

    Entry get(String name) {
        return devices.get(name);
    }

    Collection<Entry> all() {
        return devices.values();
    }

    /** Enabled devices of a readout priority, in session order. */
    List<String> enabledWithPriority(String priority) {
        List<String> names = new ArrayList<>();
        for (Entry e : devices.values()) {
            if (e.enabled() && priority.equals(e.readoutPriority())) {
                names.add(e.name());
            }
        }
        return names;
    }

    /** Enabled software-triggered devices, in session order. */
    List<String> softwareTriggered() {
        List<String> names = new ArrayList<>();
        for (Entry e : devices.values()) {
            if (e.enabled() && e.softwareTrigger()) {
                names.add(e.name());
            }
        }
        return names;
    }
}
