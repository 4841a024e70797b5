package org.jbec.beamline.demo.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.DeviceFactory;
import org.osgi.service.component.annotations.Component;

/** The demo beamline's device classes: slit axes and the monochromator energy. */
final class DemoDeviceFactories {

    private DemoDeviceFactories() {
    }

    static List<String> check(String cls, Map<String, Object> config, Set<String> required, Set<String> optional) {
        List<String> problems = new ArrayList<>();
        for (String key : required) {
            if (!(config.get(key) instanceof String)) {
                problems.add("deviceConfig." + key + ": required (" + cls + ")");
            }
        }
        config.keySet().stream().filter(k -> !required.contains(k) && !optional.contains(k)).sorted()
                .forEach(k -> problems.add("deviceConfig." + k + ": " + cls + " does not take it"));
        return problems;
    }

    @Component(service = DeviceFactory.class, property = {
            DeviceFactory.DEVICE_CLASS + "=SlitAxis", DeviceFactory.DEVICE_CLASS + "=demo.SlitAxis" })
    public static final class Slits implements DeviceFactory {
        @Override
        public List<String> check(Map<String, Object> config) {
            List<String> problems = DemoDeviceFactories.check("SlitAxis", config, Set.of("axis", "left", "right"), Set.of());
            Object axis = config.get("axis");
            if (axis != null && !"gap".equals(axis) && !"centre".equals(axis)) {
                problems.add("deviceConfig.axis: '" + axis + "' is not one of gap, centre");
            }
            return problems;
        }

        @Override
        public Device create(DeviceContext context) {
            return new SlitAxis(context);
        }
    }

    @Component(service = DeviceFactory.class, property = {
            DeviceFactory.DEVICE_CLASS + "=MonoEnergy", DeviceFactory.DEVICE_CLASS + "=demo.MonoEnergy" })
    public static final class Mono implements DeviceFactory {
        @Override
        public List<String> check(Map<String, Object> config) {
            List<String> problems = DemoDeviceFactories.check("MonoEnergy", config, Set.of("theta"), Set.of("d_spacing"));
            if (config.containsKey("d_spacing") && !(config.get("d_spacing") instanceof Number n && n.doubleValue() > 0)) {
                problems.add("deviceConfig.d_spacing: must be a positive number (Å)");
            }
            return problems;
        }

        @Override
        public Device create(DeviceContext context) {
            return new MonoEnergy(context);
        }
    }
}
