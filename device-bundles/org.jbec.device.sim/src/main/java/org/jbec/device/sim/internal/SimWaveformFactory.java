package org.jbec.device.sim.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.DeviceFactory;
import org.osgi.service.component.annotations.Component;

/** Makes SimWaveforms; answers to BEC's names for the class. */
@Component(property = {
        DeviceFactory.DEVICE_CLASS + "=SimWaveform",
        DeviceFactory.DEVICE_CLASS + "=ophyd_devices.SimWaveform",
        DeviceFactory.DEVICE_CLASS + "=ophyd_devices.sim.SimWaveform",
        DeviceFactory.DEVICE_CLASS + "=ophyd_devices.sim.sim_waveform.SimWaveform" })
public final class SimWaveformFactory implements DeviceFactory {

    static final Set<String> ACCEPTED = Set.of("waveform_shape", "noise", "noise_multiplier", "async_update");
    static final Set<String> UPDATES = Set.of("add", "add_slice", "extend", "append");

    @Override
    public List<String> check(Map<String, Object> config) {
        List<String> problems = new ArrayList<>(ConfigKeys.unknown("SimWaveform", config, ACCEPTED));
        ConfigKeys.number(problems, config, "waveform_shape", true);
        if (config.get("waveform_shape") instanceof Number n && n.doubleValue() > 1_000_000) {
            problems.add("deviceConfig.waveform_shape: at most 1000000 points");
        }
        ConfigKeys.oneOf(problems, "noise", config.get("noise"), SimMonitorFactory.NOISE, SimMonitorFactory.NOISE_LISTED);
        ConfigKeys.oneOf(problems, "async_update", config.get("async_update"), UPDATES, "add, add_slice (extend, append)");
        SimModel.fromConfig(config.get("sim_init"), problems);
        return problems;
    }

    @Override
    public Device create(DeviceContext context) {
        Map<String, Object> config = context.deviceConfig();
        return new SimWaveform(context, SimModel.fromConfig(config.get("sim_init"), new ArrayList<>()),
                (int) ConfigKeys.number(config, "waveform_shape", 1000), String.valueOf(config.getOrDefault("noise", "uniform")),
                ConfigKeys.number(config, "noise_multiplier", 10), String.valueOf(config.getOrDefault("async_update", "add")));
    }
}
