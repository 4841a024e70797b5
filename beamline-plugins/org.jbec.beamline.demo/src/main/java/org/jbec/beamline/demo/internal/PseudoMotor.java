package org.jbec.beamline.demo.internal;

import java.util.List;
import java.util.function.Consumer;

import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.DeviceException;
import org.jbec.device.api.DeviceStatus;
import org.jbec.device.api.Kind;
import org.jbec.device.api.Limits;
import org.jbec.device.api.Positioner;
import org.jbec.device.api.Reading;
import org.jbec.device.api.Signal;
import org.jbec.device.api.SignalDescription;

/**
 * A motor computed from real ones: its position is a function of theirs, a move becomes moves of
 * theirs. Subclasses give the two directions; the readback follows the real motors' own readbacks.
 */
abstract class PseudoMotor implements Positioner {

    protected final DeviceContext context;
    private final String name;
    private final Signal readback;

    PseudoMotor(DeviceContext context, String units) {
        this.context = context;
        this.name = context.name();
        this.readback = new Signal() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String attributeName() {
                return "readback";
            }

            @Override
            public Kind kind() {
                return Kind.HINTED;
            }

            @Override
            public Reading reading() {
                return Reading.now(position());
            }

            @Override
            public boolean writable() {
                return false;
            }

            @Override
            public DeviceStatus put(Object value) {
                return DeviceStatus.failed(name + " put", new DeviceException(name + ": move it instead"));
            }

            @Override
            public SignalDescription describe() {
                return SignalDescription.number("demo:" + name, units, 4);
            }

            @Override
            public AutoCloseable subscribe(Consumer<Reading> listener) {
                // the pseudo readback changes when a real motor's does
                List<AutoCloseable> subs = real().stream().flatMap(m -> m.signals().stream())
                        .filter(s -> s.kind() == Kind.HINTED).map(s -> s.subscribe(r -> listener.accept(reading())))
                        .toList();
                return () -> {
                    for (AutoCloseable s : subs) {
                        s.close();
                    }
                };
            }
        };
    }

    /** The real motors, in the order {@link #forward} and {@link #inverse} use. */
    protected abstract List<Positioner> real();

    /** Pseudo position from the real positions. */
    protected abstract double forward(double[] real);

    /** Real targets for a pseudo target, given where the real motors are now. */
    protected abstract double[] inverse(double target, double[] real);

    protected Positioner motor(String key) {
        Object n = context.deviceConfig().get(key);
        return context.device(String.valueOf(n)).filter(Positioner.class::isInstance).map(Positioner.class::cast)
                .orElseThrow(() -> new DeviceException(name + ": " + key + " '" + n + "' is not a motor of the session "
                        + "(list it in needs)"));
    }

    private double[] positions() {
        return real().stream().mapToDouble(Positioner::position).toArray();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Signal> signals() {
        return List.of(readback);
    }

    @Override
    public double position() {
        return forward(positions());
    }

    @Override
    public DeviceStatus move(double target) {
        double[] targets = inverse(target, positions());
        List<Positioner> motors = real();
        List<DeviceStatus> moves = new java.util.ArrayList<>();
        for (int i = 0; i < motors.size(); i++) {
            moves.add(motors.get(i).move(targets[i]));
        }
        return DeviceStatus.all(name + " move to " + target, moves);
    }

    @Override
    public Limits limits() {
        return Limits.NONE;
    }

    @Override
    public boolean moving() {
        return real().stream().anyMatch(Positioner::moving);
    }

    @Override
    public void stop() {
        real().forEach(Positioner::stop);
    }
}
