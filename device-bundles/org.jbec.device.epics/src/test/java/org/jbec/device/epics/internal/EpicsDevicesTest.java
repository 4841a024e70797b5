package org.jbec.device.epics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

import org.jbec.bus.api.message.NdArray;
import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.DeviceEvents;
import org.jbec.device.api.DeviceException;
import org.jbec.device.api.DeviceStatus;
import org.jbec.device.api.Reading;
import org.jbec.epics.internal.ChannelAccessForTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The EPICS device classes against the simulated IOC in its own process. */
class EpicsDevicesTest {

    @TempDir
    Path dir;
    private SimIocProcess ioc;
    private ChannelAccessForTests ca;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<String> connection = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        ioc = new SimIocProcess(dir).start();
        ca = new ChannelAccessForTests(ioc.port);
    }

    @AfterEach
    void stop() throws Exception {
        ca.close();
        ioc.close();
        timer.shutdownNow();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private EpicsMotor motor() throws InterruptedException {
        EpicsMotor m = new EpicsMotor(context("mx", Map.of("prefix", "T:MTR1")), ca.client(), "T:MTR1");
        await("motor connected", () -> connection.contains("true"));
        return m;
    }

    @Test
    void aMoveCompletesOnArrivalWithTheReadbackFollowingOnTheWay() throws Exception {
        EpicsMotor m = motor();
        List<Double> seen = new CopyOnWriteArrayList<>();
        AutoCloseable sub = m.signals().get(0).subscribe(r -> seen.add(((Number) r.value()).doubleValue()));
        DeviceStatus move = m.move(2.0);
        move.await(Duration.ofSeconds(10));
        assertTrue(move.succeeded());
        assertEquals(2.0, m.position(), 1e-9);
        assertFalse(m.moving());
        assertTrue(seen.stream().anyMatch(v -> v > 0.1 && v < 1.9), "intermediate readbacks: " + seen);
        sub.close();
    }

    @Test
    void limitsComeFromTheRecordAndATargetOutsideFailsWithoutMotion() throws Exception {
        EpicsMotor m = motor();
        assertEquals(-10.0, m.limits().low(), 1e-9);
        assertEquals(10.0, m.limits().high(), 1e-9);
        DeviceStatus move = m.move(20);
        assertThrows(RuntimeException.class, () -> move.await(Duration.ofSeconds(5)));
        assertTrue(move.isDone() && !move.succeeded());
        assertEquals(0.0, m.position(), 1e-9);
    }

    @Test
    void stopEndsAMoveWhereTheMotorIs() throws Exception {
        EpicsMotor m = motor();
        DeviceStatus move = m.move(8.0);
        await("motor past 1", () -> m.position() > 1);
        m.stop();
        await("move ended", move::isDone);
        double where = m.position();
        assertTrue(where > 1 && where < 8, "stopped at " + where);
        assertFalse(m.moving());
    }

    @Test
    void aDetectorFollowsTheMotorAndAnOutputIsWritten() throws Exception {
        EpicsMotor m = motor();
        Device det = new EpicsFactories.SignalRO(ca.client()).create(context("det1", Map.of("read_pv", "T:DET1")));
        EpicsSignalDevice ao = new EpicsSignalDevice(context("ao1", Map.of()), ca.client(), "T:AO1", "T:AO1");
        await("detector near its peak", () -> Math.abs(value(det) - 100) < 1);
        m.move(1.0).await(Duration.ofSeconds(10));
        await("detector at one sigma", () -> Math.abs(value(det) - 100 * Math.exp(-0.5)) < 1);
        ao.move(3.5).await(Duration.ofSeconds(5));
        assertEquals(3.5, ao.position(), 1e-9);
    }

    private static double value(Device d) {
        Reading r = d.signals().get(0).reading();
        return ((Number) r.value()).doubleValue();
    }

    @Test
    void anIocThatGoesAwayIsStateAndTheDeviceReconnectsWhenItIsBack() throws Exception {
        EpicsMotor m = motor();
        m.move(1.5).await(Duration.ofSeconds(10));
        int port = ioc.port;
        ioc.kill();
        await("disconnection reported", () -> connection.get(connection.size() - 1).equals("false"));
        // each channel hears of the loss on its own: the readback's follows the first one reported
        await("readback reads fail naming the PV", () -> {
            try {
                m.position();
                return false;
            } catch (DeviceException e) {
                return e.getMessage().contains("T:MTR1.RBV is not connected");
            }
        });
        ioc = new SimIocProcess(dir, port).start();
        await("reconnection reported", () -> connection.get(connection.size() - 1).equals("true"));
        await("readback from the new IOC", () -> {
            try {
                return Math.abs(m.position()) < 1e-9; // a fresh IOC starts at 0
            } catch (DeviceException x) {
                return false;
            }
        });
        m.move(0.5).await(Duration.ofSeconds(10));
        assertEquals(0.5, m.position(), 1e-9);
    }

    private DeviceContext context(String name, Map<String, Object> config) {
        return new DeviceContext() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Map<String, Object> deviceConfig() {
                return config;
            }

            @Override
            public Optional<Device> device(String other) {
                return Optional.empty();
            }

            @Override
            public ScheduledExecutorService timer() {
                return timer;
            }

            @Override
            public DeviceEvents events() {
                return new DeviceEvents() {
                    @Override
                    public void preview(String signal, NdArray data) {
                    }

                    @Override
                    public void asyncData(String signal, Object value, String type, List<Integer> maxShape,
                            Integer index) {
                    }

                    @Override
                    public void asyncReadback(Map<String, Object> signals, String type, List<Integer> maxShape) {
                    }

                    @Override
                    public void pointRead(Map<String, Reading> readings, long pointId) {
                    }

                    @Override
                    public void status(long status) {
                    }

                    @Override
                    public long scanPoints() {
                        return 0;
                    }

                    @Override
                    public void progress(double value, double max, boolean done) {
                    }

                    @Override
                    public void connection(boolean connected, String detail) {
                        connection.add(Boolean.toString(connected));
                    }
                };
            }
        };
    }
}
