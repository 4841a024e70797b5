package org.jbec.device.sim.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.DeviceFactory;
import org.osgi.service.component.annotations.Component;

/** Makes ComputedSignals; answers to BEC's names for the class. */
@Component(property = {
        DeviceFactory.BUILD_LAST + ":Boolean=true",
        DeviceFactory.DEVICE_CLASS + "=ComputedSignal",
        DeviceFactory.DEVICE_CLASS + "=ophyd_devices.ComputedSignal",
        DeviceFactory.DEVICE_CLASS + "=ophyd_devices.utils.dynamic_pseudo.ComputedSignal" })
public final class ComputedSignalFactory implements DeviceFactory {

    static final Set<String> ACCEPTED = Set.of("compute_method", "input_signals");

    @Override
    public List<String> check(Map<String, Object> config) {
        List<String> problems = new ArrayList<>(ConfigKeys.unknown("ComputedSignal", config, ACCEPTED));
        if (!(config.get("compute_method") instanceof String source)) {
            problems.add("deviceConfig.compute_method: the source of a function is required");
            return problems;
        }
        List<String> inputs = inputs(config, problems);
        try {
            ComputeMethod method = ComputeMethod.parse(source);
            if (method.parameters().size() != inputs.size()) {
                problems.add("deviceConfig.input_signals: " + inputs.size() + " signals for a compute_method of "
                        + method.parameters().size() + " parameters");
            }
        } catch (IllegalArgumentException e) {
            problems.add("deviceConfig." + e.getMessage());
        }
        return problems;
    }

    private static List<String> inputs(Map<String, Object> config, List<String> problems) {
        List<String> inputs = new ArrayList<>();
        if (config.get("input_signals") instanceof List<?> list) {
            list.forEach(o -> inputs.add(String.valueOf(o)));
        } else {
            problems.add("deviceConfig.input_signals: a list of device or signal names is required");
        }
        return inputs;
    }

    @Override
    public Device create(DeviceContext context) {
        Map<String, Object> config = context.deviceConfig();
        return new ComputedSignalDevice(context, ComputeMethod.parse((String) config.get("compute_method")),
                inputs(config, new ArrayList<>()));
    }
}
