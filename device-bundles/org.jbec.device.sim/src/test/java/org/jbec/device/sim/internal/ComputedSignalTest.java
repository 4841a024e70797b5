package org.jbec.device.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.jbec.device.api.Device;
import org.jbec.device.api.Positioner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ComputedSignalTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private static double eval(String body, double... args) {
        StringBuilder params = new StringBuilder();
        for (int i = 0; i < args.length; i++) {
            params.append(i == 0 ? "" : ", ").append("s").append(i + 1);
        }
        return ComputeMethod.parse("def f(" + params + "):\n    return " + body + "\n").evaluate(args);
    }

    @Test
    void pythonArithmetic() {
        assertEquals(6.0, eval("s1.get()*s2.get()", 2, 3));
        assertEquals(-4.0, eval("-2**2"));
        assertEquals(512.0, eval("2**3**2"));
        assertEquals(2.0, eval("-7 % 3"), "Python: the result takes the sign of the divisor");
        assertEquals(5.0, eval("math.sqrt(s1.get()**2 + s2.get()**2)", 3, 4));
        assertEquals(3.0, eval("max(s1.get(), 3, min(10, 2))", 1));
        assertEquals(0.5, eval("(s1.get() + 1) / 4", 1));
        assertEquals(1e-3, eval("1e-3"));
    }

    @Test
    void anythingButArithmeticIsRefused() {
        for (String body : List.of("__import__('os').system('x')", "s1.set(3)", "open('f')", "s1.get() +", "s1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> eval(body, 1));
            assertTrue(e.getMessage().startsWith("compute_method: "), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> ComputeMethod.parse("def f(a):\n    import os\n    return a.get()\n"));
    }

    @Test
    void becsDemoPseudoSignalMultipliesTwoMonitors() {
        Map<String, Object> config = Map.of(
                "compute_method", "def compute_signals(signal1, signal2):\n    return signal1.get()*signal2.get()\n",
                "input_signals", List.of("bpm4i", "samx_setpoint"));
        ComputedSignalFactory factory = new ComputedSignalFactory();
        assertEquals(List.of(), factory.check(config));
        TestContext ctx = TestContext.of("pseudo_signal1", config, timer);
        Positioner samx = (Positioner) new SimPositionerFactory().create(TestContext.of("samx", Map.of("delay", 0), timer));
        samx.move(4).await(Duration.ofSeconds(1));
        ctx.devices().put("samx", samx);
        ctx.devices().put("bpm4i", new SimMonitorFactory().create(TestContext.of("bpm4i", Map.of("noise", "none"), timer)));
        Device pseudo = factory.create(ctx);
        assertEquals(400.0, pseudo.read().get("pseudo_signal1").value(), "constant 100 × setpoint 4");
        assertEquals(List.of("deviceConfig.input_signals: 1 signals for a compute_method of 2 parameters"),
                factory.check(Map.of("compute_method", config.get("compute_method"), "input_signals", List.of("bpm4i"))));
    }
}
