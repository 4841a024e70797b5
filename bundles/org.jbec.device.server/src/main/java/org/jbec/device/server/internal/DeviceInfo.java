package org.jbec.device.server.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jbec.config.DeviceConfig;
import org.jbec.device.api.Device;
import org.jbec.device.api.Positioner;
import org.jbec.device.api.Signal;
import org.jbec.device.api.SignalDescription;
import org.jbec.device.api.UserAccess;

/**
 * The device info BEC's clients build their device proxies from (bec-protocol.md §4.3,
 * DeviceInfoMessage.info): signals with kinds and descriptions, hints, and the USER_ACCESS methods.
 */
final class DeviceInfo {

    private DeviceInfo() {
    }

    static Map<String, Object> of(DeviceConfig config, Device device) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("device_attr_name", config.name());
        info.put("device_base_class", device instanceof Positioner ? "positioner" : "device");
        info.put("device_class", config.deviceClass());
        info.put("ownership_mode", config.readOnly() ? "free" : "claimable");
        info.put("read_access", true);
        info.put("write_access", !config.readOnly());
        info.put("signals", signals(device));
        info.put("hints", Map.of("fields", device.hintedFields()));
        info.put("describe", describeAll(device.describe()));
        info.put("describe_configuration", describeAll(device.describeConfiguration()));
        info.put("sub_devices", subDevices(device));
        info.put("custom_user_access", userAccess(device));
        return info;
    }

    /** BEC's sub_devices: each with its attribute name and its own info. */
    private static List<Object> subDevices(Device device) {
        List<Object> out = new ArrayList<>();
        device.subDevices().forEach((attribute, sub) -> {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("device_attr_name", attribute);
            info.put("device_dotted_name", attribute);
            info.put("device_info", Map.of(
                    "device_base_class", sub instanceof Positioner ? "positioner" : "device",
                    "signals", signals(sub),
                    "hints", Map.of("fields", sub.hintedFields()),
                    "describe", describeAll(sub.describe()),
                    "sub_devices", subDevices(sub),
                    "custom_user_access", userAccess(sub)));
            out.add(info);
        });
        return out;
    }

    private static Map<String, Object> signals(Device device) {
        Map<String, Object> signals = new LinkedHashMap<>();
        for (Signal s : device.signals()) {
            Map<String, Object> signal = new LinkedHashMap<>();
            signal.put("component_name", s.attributeName());
            signal.put("signal_class", s.writable() ? "Signal" : "ReadOnlySignal");
            signal.put("obj_name", s.name());
            signal.put("kind_int", (long) s.kind().value());
            signal.put("kind_str", s.kind().label());
            signal.put("doc", "");
            signal.put("describe", describe(s.describe()));
            signal.put("metadata", Map.of("write_access", s.writable(), "read_access", true));
            signal.put("labels", List.of());
            signals.put(s.attributeName(), signal);
        }
        return signals;
    }

    private static Map<String, Object> describe(SignalDescription d) {
        return d.toWire();
    }

    private static Map<String, Object> describeAll(Map<String, SignalDescription> descriptions) {
        Map<String, Object> out = new LinkedHashMap<>();
        descriptions.forEach((name, d) -> out.put(name, d.toWire()));
        return out;
    }

    /** USER_ACCESS: the device's public methods marked {@link UserAccess}. */
    static Map<String, Object> userAccess(Device device) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Method m : userMethods(device)) {
            List<Object> signature = new ArrayList<>();
            for (var p : m.getParameters()) {
                signature.add(Map.of("name", p.getName(), "kind", "POSITIONAL_OR_KEYWORD",
                        "default", "_empty", "annotation", p.getType().getSimpleName()));
            }
            out.put(m.getName(), Map.of("type", "func", "doc", m.getAnnotation(UserAccess.class).value(),
                    "signature", signature));
        }
        return out;
    }

    static List<Method> userMethods(Device device) {
        List<Method> out = new ArrayList<>();
        for (Method m : device.getClass().getMethods()) {
            if (m.isAnnotationPresent(UserAccess.class) && Modifier.isPublic(m.getModifiers())) {
                out.add(m);
            }
        }
        // the class itself may be package-private: look at its declared methods too
        for (Method m : device.getClass().getDeclaredMethods()) {
            if (m.isAnnotationPresent(UserAccess.class) && !out.contains(m)) {
                m.setAccessible(true);
                out.add(m);
            }
        }
        return out;
    }
}
