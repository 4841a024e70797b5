package org.jbec.device.sim.internal;

import java.util.List;
import java.util.Optional;

import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.DeviceException;
import org.jbec.device.api.Signal;
import org.jbec.device.api.SignalDescription;

/**
 * BEC's ComputedSignal (bec-behaviour.md §3.5): a read-only hinted signal whose value is the
 * compute_method over its input signals, evaluated at every read. Inputs are devices
 * ({@code bpm4i}: its hinted value) or device signals ({@code samx_readback}).
 */
final class ComputedSignalDevice implements Device {

    private final DeviceContext context;
    private final ComputeMethod method;
    private final List<String> inputs;
    private final Signal value;

    ComputedSignalDevice(DeviceContext context, ComputeMethod method, List<String> inputs) {
        this.context = context;
        this.method = method;
        this.inputs = List.copyOf(inputs);
        this.value = new ComputedValue(context.name(), this::compute,
                SignalDescription.number("COMPUTED:" + context.name(), "", -1));
    }

    private Object compute() {
        double[] args = new double[inputs.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = input(inputs.get(i));
        }
        return method.evaluate(args);
    }

    private double input(String name) {
        Optional<Device> device = context.device(name);
        if (device.isPresent()) {
            List<String> hinted = device.get().hintedFields();
            Object v = device.get().read().get(hinted.isEmpty() ? name : hinted.get(0)).value();
            return ((Number) v).doubleValue();
        }
        int split = name.lastIndexOf('_');
        while (split > 0) {
            Optional<Device> owner = context.device(name.substring(0, split));
            if (owner.isPresent()) {
                String attribute = name.substring(split + 1);
                return owner.get().signals().stream().filter(s -> s.attributeName().equals(attribute)).findFirst()
                        .map(s -> ((Number) s.get()).doubleValue())
                        .orElseThrow(() -> new DeviceException(context.name() + ": input " + name + " not found"));
            }
            split = name.lastIndexOf('_', split - 1);
        }
        throw new DeviceException(context.name() + ": input signal " + name + " is not in the session");
    }

    @Override
    public String name() {
        return context.name();
    }

    @Override
    public List<Signal> signals() {
        return List.of(value);
    }
}
