package org.jbec.device.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One value of a signal and when it was taken (seconds since the epoch), as BEC sends it:
 * {@code {"value": v, "timestamp": t}}.
 */
public record Reading(Object value, double timestamp) {

    public static Reading now(Object value) {
        return new Reading(value, System.currentTimeMillis() / 1000.0);
    }

    /** The wire form inside a DeviceMessage's signals. */
    public Map<String, Object> toWire() {
        Map<String, Object> m = new LinkedHashMap<>(4);
        m.put("value", value);
        m.put("timestamp", timestamp);
        return m;
    }
}
