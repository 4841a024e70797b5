package org.jbec.itest;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.ScanMessage;
import org.jbec.bus.api.message.ScanQueueMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Scans in the real runtime, every service wired by DS: a line scan from request to segments, and
 * the standard scan bundle updated while a scan runs (the scan finishes on the code it started with;
 * the next one runs on the new revision).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ScanRuntimeIT {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Inject
    private BundleContext context;

    @Inject
    private Connector bus;

    private final List<ScanStatusMessage> statuses = new CopyOnWriteArrayList<>();
    private final Map<String, Set<Long>> points = new ConcurrentHashMap<>();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    @Configuration
    public Option[] config() throws IOException {
        return ItestRuntime.options(ItestRuntime.root().resolve("bundles/org.jbec.itest/src/test/resources/hotswap-session.yaml"));
    }

    @Before
    public void listen() {
        subscriptions.add(bus.subscribe(Endpoints.scanStatus(), e -> statuses.add(e.as(ScanStatusMessage.class))));
        subscriptions.add(bus.subscribe(Endpoints.scanSegment(), e -> e.messages().forEach(m -> {
            ScanMessage segment = (ScanMessage) m;
            points.computeIfAbsent(segment.scanId(), k -> ConcurrentHashMap.newKeySet()).add(segment.pointId());
        })));
        Conditions.await("the standard scans on offer", WITHIN, this::offered, o -> o.contains("line_scan"));
    }

    @After
    public void close() {
        subscriptions.forEach(Subscription::close);
    }

    private Set<?> offered() {
        return bus.get(Endpoints.availableScans()).map(m -> ((Map<?, ?>) m.resource()).keySet()).orElse(Set.of());
    }

    private String lineScan(int steps, double expTime) {
        String rid = UUID.randomUUID().toString();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("RID", rid);
        metadata.put("client_info", Map.of("acl_user", "default", "username", "itest", "hostname", "itest"));
        Map<String, Object> parameter = Map.of("args", Map.of("samx", List.of(-1.0, 1.0)),
                "kwargs", Map.of("steps", steps, "relative", false, "exp_time", expTime));
        bus.send(Endpoints.scanQueueRequest("default"), new ScanQueueMessage(metadata, "line_scan", parameter, "primary", true));
        return rid;
    }

    private ScanStatusMessage status(String rid, String status) {
        return Conditions.await("scan " + rid + " " + status, WITHIN,
                () -> statuses.stream().filter(s -> rid.equals(s.info().get("RID")) && status.equals(s.status()))
                        .findFirst().orElse(null),
                s -> s != null);
    }

    private int pointsOf(String scanId) {
        return points.getOrDefault(scanId, Set.of()).size();
    }

    @Test
    public void aLineScanRunsFromRequestToSegmentsAndItsFile() {
        String rid = lineScan(7, 0);
        ScanStatusMessage closed = status(rid, "closed");
        assertEquals(Long.valueOf(7), closed.numMonitoredReadouts());
        Conditions.await("7 points bundled", WITHIN, () -> pointsOf(closed.scanId()), n -> n == 7);
        org.jbec.bus.api.message.ScanHistoryMessage entry = Conditions.await("the scan's history entry", WITHIN,
                () -> bus.xrange(Endpoints.scanHistory(), "-", "+").stream().map(e -> e.value())
                        .filter(v -> v instanceof org.jbec.bus.api.message.ScanHistoryMessage h
                                && h.scanId().equals(closed.scanId()))
                        .map(v -> (org.jbec.bus.api.message.ScanHistoryMessage) v).findFirst().orElse(null),
                h -> h != null);
        assertEquals(Boolean.TRUE, entry.metadata().get("successful"));
        java.nio.file.Path file = java.nio.file.Path.of(entry.filePath());
        org.junit.Assert.assertTrue(file + " under " + ItestRuntime.dataFolder(),
                file.startsWith(ItestRuntime.dataFolder()) && java.nio.file.Files.isRegularFile(file));
    }

    @Test
    public void theScanBundleUpdatedMidScanLetsTheScanFinishAndServesTheNext() throws Exception {
        Bundle scans = Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().equals("org.jbec.scan.standard")).findFirst().orElseThrow();
        String running = lineScan(30, 0.05);
        String scanId = status(running, "open").scanId();
        Conditions.await("a few points", WITHIN, () -> pointsOf(scanId), n -> n >= 2);
        scans.update(); // stops the bundle (its scans leave), installs the new revision, starts it
        assertEquals(Long.valueOf(30), status(running, "closed").numMonitoredReadouts());
        Conditions.await("30 points of the running scan", WITHIN, () -> pointsOf(scanId), n -> n == 30);
        Conditions.await("the scans back on offer", WITHIN, this::offered, o -> o.contains("line_scan"));
        String next = lineScan(3, 0);
        assertEquals(Long.valueOf(3), status(next, "closed").numMonitoredReadouts());
    }
}
