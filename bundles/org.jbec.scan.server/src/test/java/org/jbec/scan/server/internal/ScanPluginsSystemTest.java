package org.jbec.scan.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.ScanMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.jbec.scan.api.Scan;
import org.jbec.scan.api.ScanContext;
import org.jbec.scan.api.ScanDefinition;
import org.jbec.scan.api.ScanDescription;
import org.jbec.scan.api.ScanRequest;
import org.jbec.scan.standard.internal.StandardScansAccess;
import org.jbec.test.support.Await;
import org.junit.jupiter.api.Test;

/** Scans as plugins: the code a run starts with, plugin failures, and more standard scans end to end. */
class ScanPluginsSystemTest extends WithScanSystem {

    /** A scan definition wrapping another, logging which version created and ran each scan. */
    private record Tagged(String tag, ScanDefinition inner, List<String> log) implements ScanDefinition {
        @Override
        public ScanDescription description() {
            return inner.description();
        }

        @Override
        public Scan create(ScanRequest request) {
            Scan scan = inner.create(request);
            String rid = String.valueOf(request.metadata().get("RID"));
            log.add(tag + " created " + rid);
            return new Scan() {
                @Override
                public void prepare(ScanContext c) {
                    scan.prepare(c);
                }

                @Override
                public void core(ScanContext c) {
                    scan.core(c);
                    log.add(tag + " ran " + rid);
                }

                @Override
                public void post(ScanContext c) {
                    scan.post(c);
                }

                @Override
                public void close(ScanContext c) {
                    scan.close(c);
                }
            };
        }
    }

    private static ScanDefinition standard(String name) {
        return StandardScansAccess.definitions().stream().filter(d -> d.description().name().equals(name))
                .findFirst().orElseThrow();
    }

    @Test
    void aScanUpdatedWhileTheQueueRunsChangesTheNextItemNotTheRunningOne() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        system.withdraw(1); // the standard line_scan
        long v1 = system.offer(new Tagged("v1", standard("line_scan"), log));
        system.awaitOffered("line_scan");
        String first = system.slowScan("samx", 10, false, "primary");
        String second = system.lineScan("samy", 0, 1, 3, Map.of(), "primary");
        system.awaitPoints(first, 1);
        system.withdraw(v1); // the scan bundle is updated: old service gone, new one registered
        system.offer(new Tagged("v2", standard("line_scan"), log));
        system.awaitStatus(first, "closed");
        system.awaitStatus(second, "closed");
        assertEquals(List.of("v1 created " + first, "v1 ran " + first, "v2 created " + second, "v2 ran " + second), log);
    }

    @Test
    void aScanPluginThatThrowsAbortsItsScanWithAMajorAlarmAndTheServerGoesOn() throws Exception {
        ScanDefinition lineScan = standard("line_scan");
        system.withdraw(1);
        system.offer(new ScanDefinition() {
            @Override
            public ScanDescription description() {
                return lineScan.description();
            }

            @Override
            public Scan create(ScanRequest request) {
                return c -> {
                    throw new IllegalStateException("bug in a beamline's scan");
                };
            }
        });
        system.awaitOffered("line_scan");
        String broken = system.lineScan("samx", 0, 1, 2, Map.of(), "primary");
        Await.until("alarm naming the failure", () -> !system.alarms(a -> a.info().errorMessage()
                .contains("bug in a beamline's scan")).isEmpty());
        var alarm = system.alarms(a -> a.info().errorMessage().contains("bug in a beamline's scan")).get(0);
        assertEquals(2L, alarm.severity());
        assertEquals("IllegalStateException", alarm.info().exceptionType());
        assertEquals("aborted", system.awaitStatus(broken, "aborted").status());
        Await.until("queue running again", () -> "RUNNING".equals(system.queue("primary").status()));
        String next = system.submit("time_scan", List.of(3, 0.0), Map.of(), "primary");
        assertEquals(3L, system.awaitStatus(next, "closed").numMonitoredReadouts());
    }

    /**
     * A read held back for the scan's next instruction ({@code readMonitoredWithNext}) goes out when
     * the scan sleeps, and when its hook ends, not only with the next instruction: here there is none,
     * and the plugin's own work after the hook (a plain Java sleep) must not hold the reading back.
     */
    @Test
    void aReadHeldForTheNextInstructionGoesOutWhenTheScanSleepsAndWhenItsHookEnds() throws Exception {
        ScanDefinition lineScan = standard("line_scan");
        system.withdraw(1);
        system.offer(new ScanDefinition() {
            @Override
            public ScanDescription description() {
                return lineScan.description();
            }

            @Override
            public Scan create(ScanRequest request) {
                return new Scan() {
                    @Override
                    public void core(ScanContext scan) {
                        scan.readMonitoredWithNext();
                        scan.sleep(2.0);
                        scan.readMonitoredWithNext();
                    }

                    @Override
                    public void post(ScanContext scan) {
                        try {
                            Thread.sleep(2000); // the plugin's own work, outside the scan context
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                };
            }
        });
        system.awaitOffered("line_scan");
        String rid = system.lineScan("samx", 0, 1, 2, Map.of(), "primary");
        String scanId = system.awaitStatus(rid, "open").scanId();
        long opened = System.nanoTime();
        Await.until("point 0 while the scan sleeps", () -> system.segmentsOf(scanId).size() >= 1);
        double first = (System.nanoTime() - opened) / 1e9;
        Await.until("point 1 while the plugin works after its hook", () -> system.segmentsOf(scanId).size() >= 2);
        double second = (System.nanoTime() - opened) / 1e9;
        assertTrue(first < 1.5, "point 0 arrived " + first + " s after open, the scan slept 2 s after reading it");
        assertTrue(second < 3.5, "point 1 arrived " + second + " s after open, the plugin worked until 4 s");
        assertEquals("closed", system.awaitStatus(rid, "closed").status());
    }

    @Test
    void aSnakedGridScanVisitsItsPointsFirstAxisFastest() throws Exception {
        Map<String, Object> bundles = new java.util.LinkedHashMap<>(); // in call order, as the client sends them
        bundles.put("samx", List.of(-1.0, 1.0, 3));
        bundles.put("samy", List.of(0.0, 1.0, 2));
        String rid = system.submit("grid_scan", bundles, Map.of("relative", false), "primary");
        String scanId = system.awaitStatus(rid, "closed").scanId();
        Await.until("6 points", () -> system.segmentsOf(scanId).size() == 6);
        List<ScanMessage> points = new ArrayList<>(system.segmentsOf(scanId));
        points.sort(Comparator.comparing(ScanMessage::pointId));
        List<String> visited = points.stream().map(p -> value(p, "samx") + "," + value(p, "samy")).toList();
        assertEquals(List.of("-1.0,0.0", "0.0,0.0", "1.0,0.0", "1.0,1.0", "0.0,1.0", "-1.0,1.0"), visited);
    }

    private static double value(ScanMessage point, String device) {
        return ((Number) ((Map<?, ?>) ((Map<?, ?>) point.data().get(device)).get(device)).get("value")).doubleValue();
    }

    @Test
    void umvMovesAndWaitsAndDeviceRpcRunsThroughTheQueue() throws Exception {
        String umv = system.submit("umv", Map.of("samx", List.of(3.0)), Map.of("relative", false), "primary");
        Await.until("umv done", () -> system.history().contains("COMPLETED"));
        assertEquals(3.0, system.position("samx"), 1e-9);
        Await.until("umv's set asked for a request status entry",
                () -> !system.bus.xrange(Endpoints.deviceReqStatus(umv), "-", "+").isEmpty());
        Map<String, Object> kwargs = new java.util.LinkedHashMap<>();
        kwargs.put("device", "samx");
        kwargs.put("func", "read_configuration");
        kwargs.put("func_args", List.of());
        kwargs.put("func_kwargs", Map.of());
        kwargs.put("rpc_id", "rpc-1");
        system.submit("device_rpc", List.of(), kwargs, "primary");
        Await.until("rpc result stored", () -> system.bus.get(Endpoints.deviceRpc("rpc-1")).isPresent());
        assertTrue(system.bus.get(Endpoints.deviceRpc("rpc-1")).orElseThrow().success());
    }

    @Test
    void aContinuousLineReadsAtItsPointsWhileTheMotorMoves() throws Exception {
        String rid = system.submit("cont_line_scan", List.of("samc", 0.0, 4.0, 5),
                Map.of("relative", false, "atol", 0.1), "primary");
        ScanStatusMessage closed = system.awaitStatus(rid, "closed");
        assertEquals(5L, closed.numMonitoredReadouts());
        Await.until("5 points", () -> system.segmentsOf(closed.scanId()).size() == 5);
        List<ScanMessage> points = new ArrayList<>(system.segmentsOf(closed.scanId()));
        points.sort(Comparator.comparing(ScanMessage::pointId));
        for (int i = 0; i < 5; i++) {
            // read while moving at 5 units/s: within atol of the point, plus the few ms the read took
            assertEquals(i, value(points.get(i), "samc"), 0.25, "samc at point " + i);
        }
        Await.until("samc at the end", () -> Math.abs(system.position("samc") - 4.0) < 0.01);
    }

    @Test
    void aLineSweepReadsAtReadbackUpdatesUntilTheMotorArrives() throws Exception {
        String rid = system.submit("line_sweep_scan", List.of("samc", 0.0, 2.0), Map.of("relative", false), "primary");
        ScanStatusMessage closed = system.awaitStatus(rid, "closed");
        long readouts = closed.numMonitoredReadouts();
        // 0.4 s of motion with readbacks at 100 Hz
        assertTrue(readouts >= 10, "only " + readouts + " readouts");
        Await.until("every readout bundled", () -> system.segmentsOf(closed.scanId()).size() == readouts);
        List<ScanMessage> points = new ArrayList<>(system.segmentsOf(closed.scanId()));
        points.sort(Comparator.comparing(ScanMessage::pointId));
        for (int i = 1; i < points.size(); i++) {
            assertTrue(value(points.get(i), "samc") >= value(points.get(i - 1), "samc") - 0.01,
                    "samc went back between readouts " + (i - 1) + " and " + i);
        }
    }
}
