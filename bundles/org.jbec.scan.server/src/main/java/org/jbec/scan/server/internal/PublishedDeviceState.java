package org.jbec.scan.server.internal;

import java.util.Map;

import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.DeviceMessage;
import org.jbec.scan.api.ScanException;

/**
 * What a scan may ask about a device, answered from what the device server published (readback,
 * readings, configuration, info, limits), as BEC's scan server does: no device is called.
 */
final class PublishedDeviceState {

    private final Connector bus;

    PublishedDeviceState(Connector bus) {
        this.bus = bus;
    }

    double position(String device) {
        DeviceMessage reading = bus.get(Endpoints.deviceReadback(device)).orElseThrow(
                () -> new ScanException("DeviceError", "No readback of " + device + " is published.", device));
        Object hinted = reading.signals().get(device);
        if (hinted instanceof Map<?, ?> signal && signal.get("value") instanceof Number n) {
            return n.doubleValue();
        }
        throw new ScanException("DeviceError", "The readback of " + device + " has no numeric value '" + device + "'.",
                device);
    }

    Object signal(String device, String attribute) {
        for (DeviceMessage published : new DeviceMessage[] {
                bus.get(Endpoints.deviceReadConfiguration(device)).orElse(null),
                bus.get(Endpoints.deviceRead(device)).orElse(null)}) {
            if (published == null) {
                continue;
            }
            Object signal = published.signals().get(device + "_" + attribute);
            if (signal == null) {
                signal = published.signals().get(attribute);
            }
            if (signal instanceof Map<?, ?> m && m.containsKey("value")) {
                return m.get("value");
            }
        }
        throw new ScanException("DeviceError", "Device " + device + " publishes no signal '" + attribute + "'.", device);
    }

    int precision(String device) {
        Object describe = bus.get(Endpoints.deviceInfo(device)).map(i -> i.info().get("describe")).orElse(null);
        if (describe instanceof Map<?, ?> d && d.get(device) instanceof Map<?, ?> hinted
                && hinted.get("precision") instanceof Number n) {
            return n.intValue();
        }
        throw new ScanException("DeviceError", "Device " + device + " publishes no precision for its readback.", device);
    }

    void checkLimits(String device, double... targets) {
        var limits = bus.get(Endpoints.deviceLimits(device));
        if (limits.isEmpty()) {
            return;
        }
        double low = limit(limits.get().signals().get("low"));
        double high = limit(limits.get().signals().get("high"));
        if (!(low < high)) {
            return; // BEC: low ≥ high means the device has no limits
        }
        for (double target : targets) {
            if (target < low || target > high) {
                throw new ScanException("LimitError", "Target position " + target + " for motor " + device
                        + " is outside of range: [" + low + ", " + high + "]", device);
            }
        }
    }

    private static double limit(Object signal) {
        return signal instanceof Map<?, ?> m && m.get("value") instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
