package org.jbec.device.sim.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.jbec.bus.api.message.Dtype;
import org.jbec.bus.api.message.NdArray;
import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.DeviceStatus;
import org.jbec.device.api.Kind;
import org.jbec.device.api.Signal;
import org.jbec.device.api.SignalDescription;

/**
 * BEC's SimWaveform (bec-behaviour.md §3.4): a uint16 trace of a peak model over x = 0…N−1, scaled
 * so its maximum is the amplitude, with uniform noise; every trigger publishes {@code burst} traces
 * as asynchronous data, whole ({@code add}) or in slices of {@code slice_size} ({@code add_slice}).
 */
final class SimWaveform implements Device {

    private final DeviceContext context;
    private final SimModel model;
    private final double noiseMultiplier;
    private final String noise;
    private final Random random = new Random();
    private final SimSignal shape;
    private final SimSignal burst;
    private final SimSignal asyncUpdate;
    private final SimSignal sliceSize;
    private final List<Signal> signals;
    private int acquired;

    SimWaveform(DeviceContext context, SimModel model, int points, String noise, double noiseMultiplier, String update) {
        this.context = context;
        this.model = model;
        this.noise = noise;
        this.noiseMultiplier = noiseMultiplier;
        String name = context.name();
        SignalDescription number = SignalDescription.number("SIM:" + name, "", -1);
        this.shape = new SimSignal(name + "_waveform_shape", "waveform_shape", Kind.CONFIG, true, (long) points, number);
        this.burst = new SimSignal(name + "_burst", "burst", Kind.CONFIG, true, 1L, number);
        this.asyncUpdate = new SimSignal(name + "_async_update", "async_update", Kind.CONFIG, true, update,
                new SignalDescription("SIM:" + name, "string", List.of(), "", -1));
        this.sliceSize = new SimSignal(name + "_slice_size", "slice_size", Kind.CONFIG, true, 100L, number);
        this.signals = List.of(shape, burst, asyncUpdate, sliceSize);
    }

    @Override
    public String name() {
        return context.name();
    }

    @Override
    public List<Signal> signals() {
        return signals;
    }

    NdArray waveform() {
        int n = ((Number) shape.get()).intValue();
        double[] v = new double[n];
        double max = 0;
        for (int x = 0; x < n; x++) {
            v[x] = model.value(x);
            max = Math.max(max, v[x]);
        }
        double scale = max > 0 && !model.name().equals("ConstantModel") ? model.amplitude() / max : 1;
        int[] out = new int[n];
        for (int x = 0; x < n; x++) {
            double value = v[x] * scale;
            if (noise.equals("uniform")) {
                value += (random.nextDouble() * 2 - 1) * noiseMultiplier;
            } else if (noise.equals("poisson") && value > 0) {
                value += Math.sqrt(value) * random.nextGaussian();
            }
            out[x] = (int) Math.min(65535, Math.max(0, Math.round(value)));
        }
        return NdArray.of(Dtype.UINT16, out);
    }

    @Override
    public DeviceStatus stage() {
        acquired = 0;
        return DeviceStatus.done(name() + " stage");
    }

    @Override
    public DeviceStatus trigger() {
        long traces = ((Number) burst.get()).longValue();
        String mode = String.valueOf(asyncUpdate.get());
        int n = ((Number) shape.get()).intValue();
        for (long i = 0; i < traces; i++) {
            NdArray trace = waveform();
            if (mode.equals("add_slice") || mode.equals("append")) {
                int slice = Math.max(1, ((Number) sliceSize.get()).intValue());
                int[] values = (int[]) trace.toJavaArray();
                for (int start = 0; start < n; start += slice) {
                    int[] part = Arrays.copyOfRange(values, start, Math.min(n, start + slice));
                    context.events().asyncData("waveform", NdArray.of(Dtype.UINT16, part), "add_slice",
                            Arrays.asList(null, n), acquired);
                }
            } else {
                context.events().asyncData("waveform", trace, "add", Arrays.asList((Integer) null), null);
            }
            context.events().preview("waveform", trace);
            acquired++;
        }
        return DeviceStatus.done(name() + " trigger");
    }
}
