package org.jbec.device.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceException;
import org.jbec.device.api.DeviceStatus;
import org.jbec.device.api.Positioner;
import org.jbec.device.api.Reading;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimDevicesTest {

    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final SimPositionerFactory positioners = new SimPositionerFactory();
    private final SimMonitorFactory monitors = new SimMonitorFactory();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private Positioner samx(Map<String, Object> config) {
        assertEquals(List.of(), positioners.check(config));
        return (Positioner) positioners.create(TestContext.of("samx", config, timer));
    }

    @Test
    void readingsAreNamedAsBecNamesThem() {
        Positioner samx = samx(Map.of("delay", 0));
        assertEquals(List.of("samx", "samx_setpoint", "samx_motor_is_moving"), List.copyOf(samx.read().keySet()));
        assertEquals(List.of("samx_velocity", "samx_acceleration", "samx_tolerance"),
                List.copyOf(samx.readConfiguration().keySet()));
        assertEquals(List.of("samx"), samx.hintedFields());
        assertEquals("mm", samx.describe().get("samx").units());
    }

    @Test
    void instantMoveWithDelayZero() {
        Positioner samx = samx(Map.of("delay", 0));
        samx.move(3.5).await(Duration.ofSeconds(1));
        assertEquals(3.5, samx.position());
        assertEquals(3.5, samx.read().get("samx_setpoint").value());
    }

    @Test
    void movesAtVelocityWithinToleranceAndPublishesReadbacks() {
        Positioner samx = samx(Map.of("delay", 1, "update_frequency", 400, "tolerance", 0.01, "limits", List.of(-50, 50)));
        List<Reading> readbacks = Collections.synchronizedList(new ArrayList<>());
        samx.signals().get(0).subscribe(readbacks::add);
        DeviceStatus status = samx.move(5);
        assertTrue(samx.moving());
        status.await(Duration.ofSeconds(5));
        assertEquals(5, samx.position(), 0.01);
        assertFalse(samx.moving());
        assertTrue(readbacks.size() >= 10, "5 mm at 100 mm/s in 400 Hz steps: about 20 readbacks, got " + readbacks.size());
    }

    @Test
    void linearTrajectoryRampsUpCruisesAndBrakesOntoTheTarget() {
        Map<String, Object> config = Map.of("delay", 1, "update_frequency", 100, "velocity", 10, "acceleration", 0.2,
                "tolerance", 0.001);
        Positioner linear = (Positioner) new SimPositionerFactory.Linear().create(TestContext.of("samx", config, timer));
        List<Double> path = Collections.synchronizedList(new ArrayList<>());
        linear.signals().get(0).subscribe(r -> path.add(((Number) r.value()).doubleValue()));
        long start = System.nanoTime();
        linear.move(4).await(Duration.ofSeconds(5));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(4.0, linear.position());
        // 4 mm at 10 mm/s with 0.2 s ramps: about 0.6 s
        assertTrue(seconds > 0.4 && seconds < 2.5, "took " + seconds + " s");
        double firstStep = path.get(0);
        double middleStep = path.get(path.size() / 2) - path.get(path.size() / 2 - 1);
        assertTrue(firstStep < middleStep, "starts slowly: " + firstStep + " < " + middleStep);
        for (int i = 1; i < path.size(); i++) {
            assertTrue(path.get(i) >= path.get(i - 1), "never goes back");
        }
    }

    @Test
    void limitsAreCheckedBeforeMoving() {
        Positioner samx = samx(Map.of("delay", 0, "limits", List.of(-50, 50)));
        DeviceStatus status = samx.move(60);
        DeviceException e = assertThrows(DeviceException.class, () -> status.await(Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("LimitError"), e.getMessage());
        assertEquals(0.0, samx.position());
    }

    @Test
    void stopFailsTheMove() {
        Positioner samx = samx(Map.of("delay", 1, "update_frequency", 10, "velocity", 1));
        DeviceStatus status = samx.move(40);
        samx.stop();
        DeviceException e = assertThrows(DeviceException.class, () -> status.await(Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("DeviceStopError"), e.getMessage());
        assertFalse(samx.moving());
    }

    @Test
    void badPositionerConfigIsNamed() {
        List<String> problems = positioners.check(Map.of("update_frequency", -1, "limits", List.of(1), "speed", 3));
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("deviceConfig.speed: not accepted by SimPositioner")));
    }

    @Test
    void monitorFollowsAGaussianOfItsReferenceMotor() {
        Positioner samx = samx(Map.of("delay", 0));
        Map<String, Object> config = Map.of("noise", "none", "ref_motor", "samx",
                "sim_init", Map.of("model", "GaussianModel", "params", Map.of("amplitude", 100, "center", 2, "sigma", 1)));
        assertEquals(List.of(), monitors.check(config));
        TestContext ctx = TestContext.of("bpm4i", config, timer);
        ctx.devices().put("samx", samx);
        Device bpm = monitors.create(ctx);
        samx.move(2).await(Duration.ofSeconds(1));
        assertEquals(39L, bpm.read().get("bpm4i").value(), "floor(100/sqrt(2π))");
        samx.move(10).await(Duration.ofSeconds(1));
        assertEquals(0L, bpm.read().get("bpm4i").value());
    }

    @Test
    void monitorNoiseStaysInItsBand() {
        Device bpm = monitors.create(TestContext.of("bpm5i", Map.of(), timer));
        for (int i = 0; i < 200; i++) {
            long v = (Long) bpm.read().get("bpm5i").value();
            assertTrue(v >= 90 && v <= 110, "constant 100 ± 10: " + v);
        }
        assertTrue(monitors.check(Map.of("noise", "loud", "sim_init", Map.of("model", "Bogus"))).size() == 2);
    }
}
