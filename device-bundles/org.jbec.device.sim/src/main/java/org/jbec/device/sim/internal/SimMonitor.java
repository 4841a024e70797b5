package org.jbec.device.sim.internal;

import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.Positioner;
import org.jbec.device.api.Signal;
import org.jbec.device.api.SignalDescription;

/**
 * BEC's SimMonitor (bec-behaviour.md §3.2): a read-only counter whose value is a peak model of a
 * reference motor's position plus noise, computed at every read; value type uint32 (a Long
 * clipped to 0..2^32-1 here; the codec sends it as a plain int).
 */
final class SimMonitor implements Device {

    private final String name;
    private final DeviceContext context;
    private final SimModel model;
    private final String refMotor;
    private final String noise;
    private final double noiseMultiplier;
    private final Random random = new Random();
    private final Signal value;

    SimMonitor(DeviceContext context, SimModel model, String refMotor, String noise, double noiseMultiplier) {
        this.name = context.name();
        this.context = context;
        this.model = model;
        this.refMotor = refMotor;
        this.noise = noise;
        this.noiseMultiplier = noiseMultiplier;
        this.value = new ComputedValue(name, this::compute, new SignalDescription("SIM:" + name, "integer",
                List.of(), "", -1));
    }

    /** It computes its value from its reference motor's position: as non-blocking as that motor. */
    @Override
    public boolean nonBlocking() {
        return context.device(refMotor).map(Device::nonBlocking).orElse(true);
    }

    private Object compute() {
        Optional<Device> ref = context.device(refMotor);
        double x = ref.filter(Positioner.class::isInstance).map(d -> ((Positioner) d).position()).orElse(0.0);
        double v = Math.floor(model.value(x));
        v = switch (noise) {
            case "poisson" -> poisson(Math.max(0, v));
            case "uniform" -> Math.max(0, v + (random.nextBoolean() ? 1 : -1) * Math.ceil(random.nextDouble() * noiseMultiplier));
            default -> v;
        };
        return (long) Math.min(Math.max(0, v), 4294967295.0);
    }

    private double poisson(double mean) {
        if (mean > 500) {
            // normal approximation for large means, as exact sampling gets slow
            return Math.round(mean + Math.sqrt(mean) * random.nextGaussian());
        }
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Signal> signals() {
        return List.of(value);
    }
}
