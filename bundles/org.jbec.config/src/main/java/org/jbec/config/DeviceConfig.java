package org.jbec.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One device of a session, in BEC's device-config schema (bec-behaviour.md §1.2).
 *
 * @param name              the device name (the YAML key)
 * @param enabled           disabled devices are not connected, staged, read or stopped
 * @param deviceClass       the device class or one of BEC's names for it ({@code ophyd_devices.SimPositioner})
 * @param readoutPriority   monitored, baseline, async, on_request or continuous
 * @param deviceConfig      constructor arguments and settings for the class; null when absent
 * @param connectionTimeout seconds to wait for all signals to connect
 * @param description       free text
 * @param deviceTags        grouping labels
 * @param needs             devices to initialise first
 * @param onFailure         what a failed read does: retry, raise or buffer
 * @param readOnly          writes are refused and the device is never stopped
 * @param softwareTrigger   triggered at every scan point
 * @param userParameter     free user data
 */
public record DeviceConfig(String name, boolean enabled, String deviceClass, String readoutPriority,
        Map<String, Object> deviceConfig, double connectionTimeout, String description, Set<String> deviceTags,
        List<String> needs, String onFailure, boolean readOnly, boolean softwareTrigger,
        Map<String, Object> userParameter) {

    public static final Set<String> READOUT_PRIORITIES = Set.of("monitored", "baseline", "async", "on_request",
            "continuous");
    public static final Set<String> ON_FAILURE = Set.of("retry", "raise", "buffer");

    public DeviceConfig {
        deviceTags = Set.copyOf(new LinkedHashSet<>(deviceTags));
        needs = List.copyOf(needs);
    }

    /**
     * The device as BEC persists it in {@code info/devices/config}: the fields with {@code name}
     * added and {@code deviceConfig} always a map.
     */
    public Map<String, Object> toWire() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("enabled", enabled);
        m.put("deviceClass", deviceClass);
        m.put("deviceConfig", deviceConfig == null ? new LinkedHashMap<>() : new LinkedHashMap<>(deviceConfig));
        m.put("readoutPriority", readoutPriority);
        m.put("connectionTimeout", connectionTimeout);
        m.put("description", description);
        m.put("deviceTags", new ArrayList<>(deviceTags));
        m.put("needs", new ArrayList<>(needs));
        m.put("onFailure", onFailure);
        m.put("readOnly", readOnly);
        m.put("softwareTrigger", softwareTrigger);
        m.put("userParameter", new LinkedHashMap<>(userParameter));
        return m;
    }
}
