package org.jbec.device.sim.internal;

import java.util.List;
import java.util.Random;

import org.jbec.bus.api.message.Dtype;
import org.jbec.bus.api.message.NdArray;
import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.DeviceStatus;
import org.jbec.device.api.Kind;
import org.jbec.device.api.Positioner;
import org.jbec.device.api.Signal;
import org.jbec.device.api.SignalDescription;

/**
 * BEC's SimCamera (bec-behaviour.md §3.3): a uint16 image of a gaussian blob (amplitude, centre
 * offset, covariance) or a constant, with uniform/poisson noise and hot pixels; every trigger takes
 * {@code burst} images and publishes each as a preview. With {@code ref_motors: [mx, my]} the blob
 * follows two motors (its centre offset is their positions).
 */
final class SimCamera implements Device {

    private static final int[][] HOT_PIXELS = {{24, 24}, {50, 20}, {4, 40}};
    private static final boolean[] HOT_CONSTANT = {false, true, false};
    private static final double[] HOT_VALUES = {1e3, 1e4, 1e3};

    private final DeviceContext context;
    private final String model;
    private final double amplitude;
    private final double[] offset;
    private final double[][] inverseCovariance;
    private final String noise;
    private final double noiseMultiplier;
    private final List<String> refMotors;
    private final Random random = new Random();
    private final SimSignal expTime;
    private final SimSignal frames;
    private final SimSignal burst;
    private final SimSignal width;
    private final SimSignal height;
    private final List<Signal> signals;

    SimCamera(DeviceContext context, CameraSettings s) {
        this.context = context;
        this.model = s.model();
        this.amplitude = s.amplitude();
        this.offset = s.centerOffset();
        double[][] c = s.covariance();
        double det = c[0][0] * c[1][1] - c[0][1] * c[1][0];
        this.inverseCovariance = new double[][] {{c[1][1] / det, -c[0][1] / det}, {-c[1][0] / det, c[0][0] / det}};
        this.noise = s.noise();
        this.noiseMultiplier = s.noiseMultiplier();
        this.refMotors = s.refMotors();
        String name = context.name();
        SignalDescription number = SignalDescription.number("SIM:" + name, "", -1);
        this.expTime = new SimSignal(name + "_exp_time", "exp_time", Kind.CONFIG, true, 1.0, number);
        this.frames = new SimSignal(name + "_frames", "frames", Kind.CONFIG, true, 1L, number);
        this.burst = new SimSignal(name + "_burst", "burst", Kind.CONFIG, true, 1L, number);
        this.width = new SimSignal(name + "_image_shape_x", "image_shape_x", Kind.CONFIG, true, (long) s.width(), number);
        this.height = new SimSignal(name + "_image_shape_y", "image_shape_y", Kind.CONFIG, true, (long) s.height(), number);
        this.signals = List.of(expTime, frames, burst, width, height);
    }

    @Override
    public String name() {
        return context.name();
    }

    @Override
    public List<Signal> signals() {
        return signals;
    }

    /** One image, C order (rows of width pixels), as numpy would hold it. */
    NdArray image() {
        int w = ((Number) width.get()).intValue();
        int h = ((Number) height.get()).intValue();
        double cx = offset[0];
        double cy = offset[1];
        if (refMotors.size() == 2) {
            cx += position(refMotors.get(0));
            cy += position(refMotors.get(1));
        }
        double[] values = new double[w * h];
        double max = 0;
        for (int row = 0; row < h; row++) {
            double y = h == 1 ? 0 : -h / 2.0 + row * (double) h / (h - 1) - cy;
            for (int col = 0; col < w; col++) {
                double x = w == 1 ? 0 : -w / 2.0 + col * (double) w / (w - 1) - cx;
                double v = model.equals("constant") ? amplitude
                        : amplitude * Math.exp(-0.5 * (x * (inverseCovariance[0][0] * x + inverseCovariance[0][1] * y)
                                + y * (inverseCovariance[1][0] * x + inverseCovariance[1][1] * y)));
                v = switch (noise) {
                    case "poisson" -> v <= 0 ? 0 : v + Math.sqrt(v) * random.nextGaussian();
                    case "uniform" -> v + (random.nextDouble() * 2 - 1) * noiseMultiplier;
                    default -> v;
                };
                values[row * w + col] = Math.max(0, v);
                max = Math.max(max, values[row * w + col]);
            }
        }
        for (int i = 0; i < HOT_PIXELS.length; i++) {
            int col = HOT_PIXELS[i][0];
            int row = HOT_PIXELS[i][1];
            if (col < w && row < h && (HOT_CONSTANT[i] || values[row * w + col] > max / 2)) {
                values[row * w + col] = HOT_VALUES[i];
            }
        }
        int[] pixels = new int[values.length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (int) Math.min(65535, Math.round(values[i]));
        }
        return NdArray.of(Dtype.UINT16, pixels, h, w);
    }

    private double position(String motor) {
        return context.device(motor).filter(Positioner.class::isInstance).map(d -> ((Positioner) d).position())
                .orElse(0.0);
    }

    @Override
    public DeviceStatus trigger() {
        DeviceStatus status = DeviceStatus.pending(name() + " trigger");
        long delayMicros = (long) (((Number) expTime.get()).doubleValue() * 1e6);
        context.timer().schedule(() -> {
            try {
                long images = ((Number) burst.get()).longValue();
                for (long i = 0; i < images; i++) {
                    context.events().preview("image", image());
                }
                status.finish();
            } catch (RuntimeException e) {
                status.fail(e);
            }
        }, Math.min(delayMicros, 10_000_000L), java.util.concurrent.TimeUnit.MICROSECONDS);
        return status;
    }
}
