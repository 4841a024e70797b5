package org.jbec.scan.server.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.DeviceFactory;
import org.jbec.device.api.DeviceStatus;
import org.jbec.device.api.Limits;
import org.jbec.device.api.Positioner;
import org.jbec.device.api.Reading;
import org.jbec.device.api.Signal;
import org.jbec.device.sim.internal.SimPositionerFactory;

/**
 * A simulated positioner whose controller misbehaves in one scan life-cycle hook of the test's
 * choosing: the call throws, or it does not return (past the device server's guarded-call limit).
 */
final class FaultyPositionerFactory implements DeviceFactory {

    static final String DEVICE_CLASS = "test.FaultyPositioner";

    enum Fault { THROW, HANG }

    /** Longer than the device server's limit on one call into device code (10 s). */
    static final long HANG_MILLIS = 13_000;

    private final SimPositionerFactory sim = new SimPositionerFactory();
    private volatile String failingHook = "";
    private volatile Fault fault = Fault.THROW;

    /** From now on {@code hook} (stage, pre_scan, trigger, read, complete, unstage, kickoff, set) fails so. */
    void failOn(String hook, Fault how) {
        fault = how;
        failingHook = hook;
    }

    void heal() {
        failingHook = "";
    }

    @Override
    public List<String> check(Map<String, Object> deviceConfig) {
        return sim.check(deviceConfig);
    }

    @Override
    public Device create(DeviceContext context) {
        return new Faulty((Positioner) sim.create(context));
    }

    private <T> T hook(String hook, Supplier<T> normal) {
        if (hook.equals(failingHook)) {
            if (fault == Fault.THROW) {
                throw new IllegalStateException("simulated controller fault");
            }
            try {
                Thread.sleep(HANG_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the device server gave up on us
            }
        }
        return normal.get();
    }

    private final class Faulty implements Positioner {

        private final Positioner device;

        Faulty(Positioner device) {
            this.device = device;
        }

        @Override
        public String name() {
            return device.name();
        }

        @Override
        public List<Signal> signals() {
            return device.signals();
        }

        @Override
        public Map<String, Reading> read() {
            return hook("read", device::read);
        }

        @Override
        public DeviceStatus stage() {
            return hook("stage", device::stage);
        }

        @Override
        public DeviceStatus unstage() {
            return hook("unstage", device::unstage);
        }

        @Override
        public DeviceStatus preScan() {
            return hook("pre_scan", device::preScan);
        }

        @Override
        public DeviceStatus trigger() {
            return hook("trigger", device::trigger);
        }

        @Override
        public DeviceStatus complete() {
            return hook("complete", device::complete);
        }

        @Override
        public DeviceStatus kickoff() {
            return hook("kickoff", device::kickoff);
        }

        @Override
        public DeviceStatus move(double target) {
            return hook("set", () -> device.move(target));
        }

        @Override
        public double position() {
            return device.position();
        }

        @Override
        public Limits limits() {
            return device.limits();
        }

        @Override
        public boolean moving() {
            return device.moving();
        }

        @Override
        public void stop() {
            device.stop();
        }

        @Override
        public void destroy() {
            device.destroy();
        }
    }
}
