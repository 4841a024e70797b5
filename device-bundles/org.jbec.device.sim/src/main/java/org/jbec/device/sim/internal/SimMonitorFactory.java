package org.jbec.device.sim.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.DeviceFactory;
import org.osgi.service.component.annotations.Component;

/** Makes SimMonitors; answers to BEC's names for the class. */
@Component(property = {
        DeviceFactory.DEVICE_CLASS + "=SimMonitor",
        DeviceFactory.DEVICE_CLASS + "=ophyd_devices.SimMonitor",
        DeviceFactory.DEVICE_CLASS + "=ophyd_devices.sim.SimMonitor",
        DeviceFactory.DEVICE_CLASS + "=ophyd_devices.sim.sim.SimMonitor",
        DeviceFactory.DEVICE_CLASS + "=ophyd_devices.sim.sim_monitor.SimMonitor" })
public final class SimMonitorFactory implements DeviceFactory {

    static final Set<String> ACCEPTED = Set.of("noise", "noise_multiplier", "ref_motor", "precision");
    static final Set<String> NOISE = Set.of("none", "uniform", "poisson");
    static final String NOISE_LISTED = "none, poisson, uniform";

    @Override
    public List<String> check(Map<String, Object> config) {
        List<String> problems = new ArrayList<>(ConfigKeys.unknown("SimMonitor", config, ACCEPTED));
        ConfigKeys.oneOf(problems, "noise", config.get("noise"), NOISE, NOISE_LISTED);
        ConfigKeys.number(problems, config, "noise_multiplier", false);
        if (config.containsKey("ref_motor") && !(config.get("ref_motor") instanceof String)) {
            problems.add("deviceConfig.ref_motor: must be a device name");
        }
        SimModel.fromConfig(config.get("sim_init"), problems);
        return problems;
    }

    @Override
    public Device create(DeviceContext context) {
        Map<String, Object> config = context.deviceConfig();
        SimModel model = SimModel.fromConfig(config.get("sim_init"), new ArrayList<>());
        return new SimMonitor(context, model, String.valueOf(config.getOrDefault("ref_motor", "samx")),
                String.valueOf(config.getOrDefault("noise", "uniform")), ConfigKeys.number(config, "noise_multiplier", 10));
    }

    /** BEC's SimMonitorAsync: the same model knobs, data sent asynchronously. */
    @Component(service = DeviceFactory.class, property = {
            DeviceFactory.DEVICE_CLASS + "=SimMonitorAsync",
            DeviceFactory.DEVICE_CLASS + "=ophyd_devices.SimMonitorAsync",
            DeviceFactory.DEVICE_CLASS + "=ophyd_devices.sim.sim_monitor.SimMonitorAsync" })
    public static final class Async implements DeviceFactory {
        static final Set<String> ACCEPTED = Set.of("ref_motor", "async_update");

        @Override
        public List<String> check(Map<String, Object> config) {
            List<String> problems = new ArrayList<>(ConfigKeys.unknown("SimMonitorAsync", config, ACCEPTED));
            ConfigKeys.oneOf(problems, "async_update", config.get("async_update"), Set.of("extend", "append"),
                    "append, extend");
            SimModel.fromConfig(config.get("sim_init"), problems);
            return problems;
        }

        @Override
        public Device create(DeviceContext context) {
            Map<String, Object> config = context.deviceConfig();
            return new SimMonitorAsync(context, SimModel.fromConfig(config.get("sim_init"), new ArrayList<>()),
                    String.valueOf(config.getOrDefault("ref_motor", "samx")),
                    String.valueOf(config.getOrDefault("async_update", "extend")));
        }
    }
}
