package org.jbec.epics.simioc;

import java.util.Random;

/** The computed read-only PVs: analog inputs (a peak over a motor, or a level) and sine waveforms. */
final class Signals {
    private Signals() {}

    /** An analog input recomputed at update_hz; posts only when the value changes (noise 0 and a still motor post nothing). */
    static final class AnalogInput {
        final SimPv pv;
        private final IocConfig.AnalogIn config;
        private final SimMotor motor; // null: a constant level
        private final Random random = new Random();

        AnalogInput(IocConfig.AnalogIn config, SimMotor motor) {
            this.config = config;
            this.motor = motor;
            this.pv = SimPv.ofDouble(config.name(), compute(), config.egu(), config.precision(), null);
        }

        void update() {
            pv.setDouble(compute());
        }

        private double compute() {
            double v = config.value();
            if (motor != null) {
                double d = motor.readback() - config.center();
                v = config.amplitude() * Math.exp(-d * d / (2 * config.sigma() * config.sigma()));
            }
            return config.noise() == 0 ? v : v + config.noise() * random.nextGaussian();
        }
    }

    /** One period of a sine over the array, phase advancing on every refresh so monitors see each one. */
    static final class SineWaveform {
        final SimPv pv;
        private final int length;
        private double phase;

        SineWaveform(IocConfig.Waveform config) {
            this.length = config.length();
            this.pv = SimPv.ofDoubles(config.name(), values(), config.egu());
        }

        void update() {
            phase = (phase + 0.2) % (2 * Math.PI);
            pv.set(values());
        }

        private double[] values() {
            double[] v = new double[length];
            for (int i = 0; i < length; i++) v[i] = Math.sin(2 * Math.PI * i / length + phase);
            return v;
        }
    }
}
