package org.jbec.scan.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jbec.bus.api.ConnectionState;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.AlarmMessage;
import org.jbec.bus.redis.internal.JedisConnector;
import org.jbec.scan.api.ArgType;
import org.jbec.scan.api.ScanDefinition;
import org.jbec.scan.api.ScanDescription;
import org.jbec.scan.api.ScanParameter;
import org.jbec.scan.standard.internal.StandardScanDescriptions;
import org.jbec.service.internal.AlarmPublisher;
import org.jbec.test.support.Await;
import org.jbec.test.support.PrivateRedis;
import org.jbec.test.support.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The catalogue on a real Redis: what scan bundles offer is what available_scans says. */
@ExtendWith(RedisServerExtension.class)
class ScanCatalogueTest {

    private JedisConnector bus;
    private ScanCatalogue catalogue;
    private final BlockingQueue<AlarmMessage> alarms = new LinkedBlockingQueue<>();

    @BeforeEach
    void start(PrivateRedis redis) throws Exception {
        bus = JedisConnector.open("127.0.0.1", redis.port());
        Await.until("bus connected", () -> bus.state() == ConnectionState.CONNECTED);
        bus.subscribe(Endpoints.alarms(), e -> alarms.add(e.as(AlarmMessage.class)));
        catalogue = new ScanCatalogue(bus, new AlarmPublisher(bus));
    }

    @AfterEach
    void stop() {
        catalogue.stop();
        bus.close();
    }

    private static Map<String, Object> service(long id) {
        return Map.of("service.id", id);
    }

    private Set<?> published() {
        return bus.get(Endpoints.availableScans()).map(m -> ((Map<?, ?>) m.resource()).keySet()).orElse(Set.of());
    }

    private Object publishedDoc(String scan) {
        return bus.get(Endpoints.availableScans()).map(m -> ((Map<?, ?>) m.resource()).get(scan))
                .map(entry -> ((Map<?, ?>) entry).get("doc")).orElse(null);
    }

    private static ScanDescription custom(String name, String doc) {
        return new ScanDescription(name, "Custom", true, false, Map.of(), 0, 0, null, List.of(), doc,
                List.of(ScanParameter.required("points", ArgType.INT)));
    }

    @Test
    void scansArePublishedAsTheyComeAndGo() throws Exception {
        long id = 1;
        for (ScanDescription d : StandardScanDescriptions.all()) {
            catalogue.addScan(described(() -> d), service(id++));
        }
        Await.until("17 scans published", () -> published().size() == 17);
        Map<?, ?> line = (Map<?, ?>) ((Map<?, ?>) bus.get(Endpoints.availableScans()).orElseThrow().resource()).get("line_scan");
        // as text: integer defaults come back from msgpack as longs
        assertEquals(StandardScanDescriptions.all().get(0).toString(), ScanDescription.fromResource("line_scan", line).toString());

        catalogue.removeScan(null, service(1));
        Await.until("line_scan withdrawn", () -> published().size() == 16 && !published().contains("line_scan"));
    }

    @Test
    void aSecondScanUnderATakenNameIsHeldBackWithAnAlarmAndTakesOverWhenTheFirstLeaves() throws Exception {
        ScanDefinition first = described(() -> custom("my_scan", "first"));
        ScanDefinition second = described(() -> custom("my_scan", "second"));
        catalogue.addScan(first, service(10));
        catalogue.addScan(second, service(11));
        AlarmMessage alarm = alarms.poll(10, TimeUnit.SECONDS);
        assertNotNull(alarm, "no alarm for the duplicate");
        assertEquals(0L, alarm.severity());
        assertTrue(alarm.info().errorMessage().contains("my_scan"), alarm.info().errorMessage());
        assertEquals("first", catalogue.offered("my_scan").orElseThrow().doc());

        catalogue.removeScan(first, service(10));
        assertEquals("second", catalogue.offered("my_scan").orElseThrow().doc());
        Await.until("the second my_scan published", () -> "second".equals(publishedDoc("my_scan")));
    }

    @Test
    void scansUnboundAfterTheCatalogueStoppedLeaveTheLastListInPlace() throws Exception {
        catalogue.addScan(described(() -> custom("kept_scan", "")), service(30));
        Await.until("kept_scan published", () -> published().equals(Set.of("kept_scan")));
        catalogue.stop();
        // SCR's order on shutdown: deactivate, then unbind
        catalogue.removeScan(null, service(30));
        assertEquals(Set.of("kept_scan"), published());
    }

    @Test
    void badDefinitionsAreNotOfferedAndSayWhy() throws Exception {
        catalogue.addScan(described(() -> custom("not-an-identifier", "")), service(20));
        assertTrue(alarms.poll(10, TimeUnit.SECONDS).info().errorMessage().contains("not-an-identifier"));
        catalogue.addScan(described(() -> {
            throw new IllegalStateException("broken plugin");
        }), service(21));
        assertTrue(alarms.poll(10, TimeUnit.SECONDS).info().errorMessage().contains("broken plugin"));
        catalogue.addScan(described(() -> custom("fine_scan", "")), service(22));
        Await.until("only fine_scan published", () -> published().equals(Set.of("fine_scan")));
    }

    /** A definition that only describes: these tests never run a scan. */
    private static ScanDefinition described(java.util.function.Supplier<ScanDescription> description) {
        return new ScanDefinition() {
            @Override
            public ScanDescription description() {
                return description.get();
            }

            @Override
            public org.jbec.scan.api.Scan create(org.jbec.scan.api.ScanRequest request) {
                throw new UnsupportedOperationException("not run in this test");
            }
        };
    }
}
