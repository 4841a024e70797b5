package org.jbec.device.sim.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.DeviceFactory;
import org.osgi.service.component.annotations.Component;

/** Makes SimCameras; answers to BEC's names for the class. */
@Component(property = {
        DeviceFactory.DEVICE_CLASS + "=SimCamera",
        DeviceFactory.DEVICE_CLASS + "=ophyd_devices.SimCamera",
        DeviceFactory.DEVICE_CLASS + "=ophyd_devices.sim.SimCamera",
        DeviceFactory.DEVICE_CLASS + "=ophyd_devices.sim.sim_camera.SimCamera" })
public final class SimCameraFactory implements DeviceFactory {

    @Override
    public List<String> check(Map<String, Object> config) {
        List<String> problems = new ArrayList<>();
        CameraSettings.read(config, problems);
        return problems;
    }

    @Override
    public Device create(DeviceContext context) {
        return new SimCamera(context, CameraSettings.read(context.deviceConfig(), new ArrayList<>()));
    }
}
