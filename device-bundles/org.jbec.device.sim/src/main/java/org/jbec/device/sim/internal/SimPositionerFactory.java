package org.jbec.device.sim.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.DeviceFactory;
import org.osgi.service.component.annotations.Component;

/** Makes SimPositioners; answers to BEC's names for the class. */
@Component(property = {
        DeviceFactory.DEVICE_CLASS + "=SimPositioner",
        DeviceFactory.DEVICE_CLASS + "=ophyd_devices.SimPositioner",
        DeviceFactory.DEVICE_CLASS + "=ophyd_devices.sim.SimPositioner",
        DeviceFactory.DEVICE_CLASS + "=ophyd_devices.sim.sim.SimPositioner",
        DeviceFactory.DEVICE_CLASS + "=ophyd_devices.sim.sim_positioner.SimPositioner" })
public final class SimPositionerFactory implements DeviceFactory {

    static final Set<String> ACCEPTED = Set.of("delay", "update_frequency", "precision", "limits", "tolerance",
            "velocity", "acceleration");

    @Override
    public List<String> check(Map<String, Object> config) {
        List<String> problems = new java.util.ArrayList<>(ConfigKeys.unknown("SimPositioner", config, ACCEPTED));
        ConfigKeys.number(problems, config, "delay", false);
        ConfigKeys.number(problems, config, "update_frequency", true);
        ConfigKeys.number(problems, config, "precision", false);
        ConfigKeys.number(problems, config, "tolerance", false);
        ConfigKeys.number(problems, config, "velocity", true);
        ConfigKeys.number(problems, config, "acceleration", true);
        ConfigKeys.limits(problems, config);
        return problems;
    }

    @Override
    public Device create(DeviceContext context) {
        return new SimPositioner(context.name(), context.deviceConfig(), context.timer());
    }

    /** BEC's SimLinearTrajectoryPositioner: the same knobs, a trapezoidal velocity profile. */
    @Component(service = DeviceFactory.class, property = {
            DeviceFactory.DEVICE_CLASS + "=SimLinearTrajectoryPositioner",
            DeviceFactory.DEVICE_CLASS + "=ophyd_devices.SimLinearTrajectoryPositioner",
            DeviceFactory.DEVICE_CLASS + "=ophyd_devices.sim.sim_positioner.SimLinearTrajectoryPositioner" })
    public static final class Linear implements DeviceFactory {
        private final SimPositionerFactory checks = new SimPositionerFactory();

        @Override
        public List<String> check(Map<String, Object> config) {
            return checks.check(config);
        }

        @Override
        public Device create(DeviceContext context) {
            return new SimPositioner(context.name(), context.deviceConfig(), context.timer(), true);
        }
    }
}
