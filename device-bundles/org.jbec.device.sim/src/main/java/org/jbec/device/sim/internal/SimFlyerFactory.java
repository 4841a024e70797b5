package org.jbec.device.sim.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.DeviceFactory;
import org.osgi.service.component.annotations.Component;

/** Makes SynFlyers; answers to BEC's names for the class. */
@Component(property = {
        DeviceFactory.DEVICE_CLASS + "=SynFlyer",
        DeviceFactory.DEVICE_CLASS + "=SimFlyer",
        DeviceFactory.DEVICE_CLASS + "=ophyd_devices.SynFlyer",
        DeviceFactory.DEVICE_CLASS + "=ophyd_devices.SimFlyer",
        DeviceFactory.DEVICE_CLASS + "=ophyd_devices.sim.sim_flyer.SimFlyer" })
public final class SimFlyerFactory implements DeviceFactory {

    /** BEC's demo gives delay and update_frequency; they shape nothing of the flight. */
    static final Set<String> ACCEPTED = Set.of("delay", "update_frequency");

    @Override
    public List<String> check(Map<String, Object> config) {
        return new ArrayList<>(ConfigKeys.unknown("SynFlyer", config, ACCEPTED));
    }

    @Override
    public Device create(DeviceContext context) {
        return new SimFlyer(context);
    }
}
