package org.jbec.device.sim.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.DeviceFactory;
import org.osgi.service.component.annotations.Component;

/** Makes SynDeviceOPAAS devices; answers to BEC's names for the class. */
@Component(property = {
        DeviceFactory.DEVICE_CLASS + "=SynDeviceOPAAS",
        DeviceFactory.DEVICE_CLASS + "=ophyd_devices.SynDeviceOPAAS",
        DeviceFactory.DEVICE_CLASS + "=ophyd_devices.sim.sim.SynDeviceOPAAS" })
public final class SynDeviceOPAASFactory implements DeviceFactory {

    @Override
    public List<String> check(Map<String, Object> config) {
        return ConfigKeys.unknown("SynDeviceOPAAS", config, Set.of());
    }

    @Override
    public Device create(DeviceContext context) {
        return new SynDeviceOPAAS(context);
    }
}
