package org.jbec.dap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.apache.felix.service.command.CommandSession;
import org.jbec.bus.api.BusEvent;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.BundleMessage;
import org.jbec.bus.api.message.ScanMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shell commands on a scan fed to the store directly; {@code goto_*} hand the move to the
 * shell's {@code umv} through the session, and ask before leaving the scanned range.
 */
class DapCommandsTest {

    private final List<String> executed = new ArrayList<>();
    private DapWorkers workers;
    private ScanDataStore store;
    private DapCommands commands;

    @BeforeEach
    void scan() {
        workers = new DapWorkers();
        store = new ScanDataStore(quietBus(), workers);
        commands = new DapCommands(store, Synthetic.whiteboard());
        // scan 3: a peak at 1.0 on samx -2..2, and a peak at 2.6 cut off by the end of the scan
        store.onStatus(new BusEvent("info/scans/scan_status", "", new ScanStatusMessage(null, "id-3", "closed", null,
                3L, null, 41L, 41L, "line_scan", "step", 1L, List.of("samx"), null,
                Map.of("monitored", List.of("samx", "det", "edge", "noise")), Map.of(), Map.of(), Map.of(), 1.0)));
        List<Object> points = new ArrayList<>();
        for (int i = 0; i <= 40; i++) {
            double x = -2 + 0.1 * i;
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("samx", reading("samx", x));
            data.put("det", reading("det", 10 + 100 * Math.exp(-(x - 1) * (x - 1) / 0.5)));
            data.put("edge", reading("edge", 100 * Math.exp(-(x - 2.6) * (x - 2.6) / 0.8)));
            data.put("noise", reading("noise", 100 + (i % 3)));
            points.add(new ScanMessage(null, (long) i, "id-3", data));
        }
        store.onSegment(new BusEvent("info/scans/scan_segment", "", points));
    }

    @AfterEach
    void stop() throws InterruptedException {
        workers.stop();
    }

    private static Map<String, Object> reading(String name, double value) {
        return Map.of(name, Map.of("value", value, "timestamp", 1.0));
    }

    @Test
    void statisticsOfTheLastScanAndTheMostProminentSignal() {
        assertEquals("cen samx = 1.00000  (scan 3: det against samx, 41 points)", commands.cen(0, "det"));
        // unnamed, a signal standing out from its baseline is taken and named, never the fluctuating one
        String unnamed = commands.cen(0);
        assertTrue(unnamed.contains("(the most prominent monitored signal)") && !unnamed.contains("noise"), unnamed);
        // the scan ends 1.4 sigma right of the peak but 4.2 sigma left of it: the centre of mass leans left
        assertTrue(commands.com(3, "det").startsWith("com samx = 0.97"), commands.com(3, "det"));
        assertTrue(commands.peak(0, "det").contains("peak   samx = 1.00000  110.000"), commands.peak(0, "det"));
        assertEquals("no scan 4 in the history", commands.cen(4));
        assertTrue(commands.cen(3, "nothing").startsWith("scan 3 has no data for nothing"));
        assertTrue(commands.fit(0, "", "GaussianModel", "det").contains("center"));
        assertTrue(commands.fit(0, "cubic", "GaussianModel", "det").contains("background must be none, constant or linear"));
    }

    @Test
    void aSmoothPeakStandsOutFromNoise() {
        Random random = new Random(4);
        double[] peak = new double[11];
        double[] noise = new double[11];
        for (int i = 0; i < 11; i++) {
            double x = -4 + 0.5 * i;
            // half the scan on the peak (its median absolute deviation is large), Poisson-like noise
            peak[i] = 200 * Math.exp(-x * x / 2) + Math.sqrt(1 + 200 * Math.exp(-x * x / 2)) * random.nextGaussian();
            noise[i] = 100 + 20 * random.nextDouble() - 10;
        }
        assertTrue(SignalChoice.prominence(peak) > 3 * SignalChoice.prominence(noise),
                SignalChoice.prominence(peak) + " vs " + SignalChoice.prominence(noise));
    }

    @Test
    void gotoCenMovesWithTheShellsUmv() throws Exception {
        Object out = commands.goto_cen(session(""), 0, false, "", "det");
        assertEquals("moved", out);
        assertEquals(1, executed.size());
        assertTrue(executed.get(0).matches("jbec:umv samx 1\\.0000\\d+|jbec:umv samx 0\\.9999\\d+"), executed.get(0));
    }

    @Test
    void aTargetOutsideTheScannedRangeIsConfirmedFirst() throws Exception {
        // the fitted centre of the cut-off peak lies beyond the end of the scan (2.0)
        assertEquals("not moving samx (use --yes to move without asking)",
                commands.goto_cen(session("n\n"), 0, false, "GaussianModel", "edge"));
        assertEquals(List.of(), executed);
        assertEquals("not moving samx (use --yes to move without asking)",
                commands.goto_cen(session(""), 0, false, "GaussianModel", "edge"));
        assertEquals("moved", commands.goto_cen(session("y\n"), 0, false, "GaussianModel", "edge"));
        assertEquals("moved", commands.goto_cen(session(""), 0, true, "GaussianModel", "edge"));
        assertEquals(2, executed.size());
        double target = Double.parseDouble(executed.get(1).substring("jbec:umv samx ".length()));
        assertEquals(2.6, target, 0.01);
    }

    @Test
    void noTargetNoMove() throws Exception {
        assertTrue(String.valueOf(commands.goto_cen(session(""), 0, true, "", "edge"))
                .startsWith("not moving: no cen for scan 3: edge"));
        assertTrue(String.valueOf(commands.goto_cen(session(""), 0, true, "NoSuchModel", "det"))
                .startsWith("not moving: unknown model 'NoSuchModel'"));
        assertEquals(List.of(), executed);
    }

    private CommandSession session(String keyboard) {
        return (CommandSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CommandSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getKeyboard" -> new ByteArrayInputStream(keyboard.getBytes(StandardCharsets.UTF_8));
                    case "execute" -> {
                        executed.add(String.valueOf(args[0]));
                        yield "moved";
                    }
                    default -> null;
                });
    }

    /** A bus with nothing on it: subscriptions do nothing, the history is empty. */
    private static Connector quietBus() {
        Subscription none = (Subscription) Proxy.newProxyInstance(DapCommandsTest.class.getClassLoader(),
                new Class<?>[] {Subscription.class}, (p, m, a) -> m.getName().equals("key") ? "" : null);
        return (Connector) Proxy.newProxyInstance(DapCommandsTest.class.getClassLoader(),
                new Class<?>[] {Connector.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "subscribe", "subscribeStream" -> none;
                    case "get" -> Optional.empty();
                    case "keys", "xrange", "lastEntries" -> List.of();
                    default -> null;
                });
    }
}
