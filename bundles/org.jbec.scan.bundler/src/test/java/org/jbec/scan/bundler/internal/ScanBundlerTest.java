package org.jbec.scan.bundler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jbec.bus.api.BusEvent;
import org.jbec.bus.api.ConnectionState;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.DeviceMessage;
import org.jbec.bus.api.message.ProgressMessage;
import org.jbec.bus.api.message.ScanBaselineMessage;
import org.jbec.bus.api.message.ScanMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.jbec.bus.redis.internal.JedisConnector;
import org.jbec.service.internal.ServiceLifecycle;
import org.jbec.test.support.Await;
import org.jbec.test.support.PrivateRedis;
import org.jbec.test.support.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The bundler on a real Redis, fed as the device server and scan server would feed it. */
@ExtendWith(RedisServerExtension.class)
class ScanBundlerTest {

    static final Duration WITHIN = Duration.ofSeconds(10);

    private JedisConnector bus;
    private ServiceLifecycle lifecycle;
    private ScanBundler bundler;

    @BeforeEach
    void start(PrivateRedis redis) throws Exception {
        bus = JedisConnector.open("127.0.0.1", redis.port());
        Await.until("bus connected", () -> bus.state() == ConnectionState.CONNECTED);
        lifecycle = new ServiceLifecycle(bus, "test", Duration.ofMillis(500));
        bundler = new ScanBundler(bus, lifecycle);
        Await.until("bundler running", bundler::running);
    }

    @AfterEach
    void stop() {
        bundler.stop();
        lifecycle.stop();
        bus.close();
    }

    private static ScanStatusMessage status(String id, String state, int points) {
        Map<String, Object> priorities = new LinkedHashMap<>();
        priorities.put("monitored", List.of("samx", "bpm4i"));
        priorities.put("baseline", List.of("samy"));
        return new ScanStatusMessage(null, id, state, null, 1L, null, (long) points, (long) points, "line_scan",
                "software_triggered", 1L, List.of("samx"), null, priorities, Map.of(), Map.of(),
                Map.of("RID", "rid-1", "queue_id", "q-1"), 1.0);
    }

    private void read(String device, String scanId, Long point, String priority, double value) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("scan_id", scanId);
        if (point != null) {
            metadata.put("point_id", point);
        }
        if (priority != null) {
            metadata.put("readout_priority", priority);
        }
        bus.setAndPublish(Endpoints.deviceRead(device), new DeviceMessage(metadata,
                Map.of(device, Map.of("value", value, "timestamp", 1.0))));
    }

    @Test
    void pointsBecomeSegmentsOnceEveryMonitoredDeviceReported() throws Exception {
        LinkedBlockingQueue<BusEvent> segments = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<BusEvent> baselines = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<BusEvent> progress = new LinkedBlockingQueue<>();
        try (Subscription a = bus.subscribe(Endpoints.scanSegment(), segments::add);
                Subscription b = bus.subscribe(Endpoints.scanBaseline(), baselines::add);
                Subscription c = bus.subscribe(Endpoints.scanProgress(), progress::add)) {
            bus.setAndPublish(Endpoints.scanStatus(), status("s-1", "open", 3));
            read("samy", "s-1", null, "baseline", 7.0);
            ScanBaselineMessage baseline = baselines.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS).as(ScanBaselineMessage.class);
            assertEquals("s-1", baseline.scanId());
            assertTrue(bus.get(Endpoints.publicScanBaseline("s-1")).isPresent());

            read("samx", "s-1", 0L, null, 0);
            assertEquals(null, segments.poll(300, TimeUnit.MILLISECONDS), "no segment while bpm4i has not reported");
            read("bpm4i", "s-1", 0L, null, 100);
            for (long p = 1; p < 3; p++) {
                read("samx", "s-1", p, null, p);
                read("bpm4i", "s-1", p, null, 100 + p);
            }
            java.util.Set<Long> points = new java.util.TreeSet<>();
            while (points.size() < 3) {
                List<?> bundle = segments.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS).messages();
                long previous = -1;
                for (Object o : bundle) {
                    ScanMessage m = (ScanMessage) o;
                    assertTrue(m.pointId() > previous, "a bundle is in point order");
                    previous = m.pointId();
                    assertEquals(List.of("samx", "bpm4i"), List.copyOf(m.data().keySet()));
                    assertTrue(points.add(m.pointId()), "each point once");
                }
            }
            assertEquals(java.util.Set.of(0L, 1L, 2L), points);
            assertTrue(bus.get(Endpoints.publicScanSegment("s-1", "2")).isPresent());

            bus.setAndPublish(Endpoints.scanStatus(), status("s-1", "closed", 3));
            ProgressMessage done;
            do {
                done = progress.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS).as(ProgressMessage.class);
            } while (!done.done());
            assertEquals(3.0, done.value());
            assertEquals("rid-1", done.metadata().get("RID"));
        }
    }

    /** Readings sent again after a Redis outage (the bus repeats unconfirmed writes) make no second point. */
    @Test
    void aPointIsEmittedOnceWhenItsReadingsArriveTwice() throws Exception {
        LinkedBlockingQueue<BusEvent> segments = new LinkedBlockingQueue<>();
        try (Subscription a = bus.subscribe(Endpoints.scanSegment(), segments::add)) {
            bus.setAndPublish(Endpoints.scanStatus(), status("s-4", "open", 2));
            read("samx", "s-4", 0L, null, 1);
            read("bpm4i", "s-4", 0L, null, 2);
            read("samx", "s-4", 0L, null, 1);
            read("bpm4i", "s-4", 0L, null, 2);
            read("samx", "s-4", 1L, null, 3);
            read("bpm4i", "s-4", 1L, null, 4);
            List<Long> points = new ArrayList<>();
            while (points.size() < 2) {
                for (Object o : segments.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS).messages()) {
                    points.add(((ScanMessage) o).pointId());
                }
            }
            BusEvent more = segments.poll(400, TimeUnit.MILLISECONDS);
            if (more != null) {
                more.messages().forEach(o -> points.add(((ScanMessage) o).pointId()));
            }
            assertEquals(List.of(0L, 1L), points);
        }
    }

    @Test
    void aReadingBeforeItsScanStatusWaitsForThePublicScanInfo() throws Exception {
        LinkedBlockingQueue<BusEvent> segments = new LinkedBlockingQueue<>();
        try (Subscription a = bus.subscribe(Endpoints.scanSegment(), segments::add)) {
            read("samx", "s-2", 0L, null, 1);
            read("bpm4i", "s-2", 0L, null, 2);
            TimeUnit.MILLISECONDS.sleep(200);
            bus.set(Endpoints.publicScanInfo("s-2"), status("s-2", "open", 1), null);
            ScanMessage m = (ScanMessage) segments.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS).messages().get(0);
            assertEquals("s-2", m.scanId());
        }
    }

    @Test
    void readingsOutsideScansAndOfOtherDevicesAreIgnored() throws Exception {
        LinkedBlockingQueue<BusEvent> segments = new LinkedBlockingQueue<>();
        try (Subscription a = bus.subscribe(Endpoints.scanSegment(), segments::add)) {
            bus.setAndPublish(Endpoints.scanStatus(), status("s-3", "open", 1));
            bus.setAndPublish(Endpoints.deviceRead("samx"), new DeviceMessage(null, Map.of("samx", Map.of("value", 1.0))));
            read("samz", "s-3", 0L, null, 1);
            read("samx", "s-3", 0L, null, 1);
            assertEquals(null, segments.poll(400, TimeUnit.MILLISECONDS), "bpm4i is still missing");
        }
    }
}
