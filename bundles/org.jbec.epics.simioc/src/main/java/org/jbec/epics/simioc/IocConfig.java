package org.jbec.epics.simioc;

import java.util.List;

/** The parsed sim-IOC YAML file (see {@link ConfigParser} for keys and defaults). */
public record IocConfig(int port, double updateHz, List<Motor> motors, List<AnalogIn> analogIn,
                        List<AnalogOut> analogOut, List<Waveform> waveforms) {

    public static final int DEFAULT_PORT = 5064;
    public static final double DEFAULT_UPDATE_HZ = 100.0;

    public IocConfig {
        motors = List.copyOf(motors);
        analogIn = List.copyOf(analogIn);
        analogOut = List.copyOf(analogOut);
        waveforms = List.copyOf(waveforms);
    }

    /** The same configuration served on another port (the command line's --port wins over the file). */
    public IocConfig withPort(int newPort) {
        return new IocConfig(newPort, updateHz, motors, analogIn, analogOut, waveforms);
    }

    /** A motor record; limits with lowLimit >= highLimit mean "no limits", as in the motor record. */
    public record Motor(String prefix, double velocity, double lowLimit, double highLimit, String egu,
                        int precision, double position) {}

    /**
     * A read-only analog input: a Gaussian peak over the readback of the motor {@code follows}, or a
     * constant {@code value} when {@code follows} is null; both plus noise * N(0,1).
     */
    public record AnalogIn(String name, String follows, double center, double sigma, double amplitude,
                           double value, double noise, String egu, int precision) {}

    public record AnalogOut(String name, double value, String egu, int precision) {}

    public record Waveform(String name, int length, String egu) {}
}
