package org.jbec.device.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jbec.bus.api.BusEvent;
import org.jbec.bus.api.ConnectionState;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.DeviceInstructionMessage;
import org.jbec.bus.api.message.ScanMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.jbec.bus.redis.internal.JedisConnector;
import org.jbec.config.DeviceSessionReader;
import org.jbec.device.api.DeviceFactory;
import org.jbec.device.sim.internal.SimMonitorFactory;
import org.jbec.device.sim.internal.SimPositionerFactory;
import org.jbec.scan.bundler.internal.BundlerAccess;
import org.jbec.service.internal.AlarmPublisher;
import org.jbec.service.internal.ServiceLifecycle;
import org.jbec.test.support.PrivateRedis;
import org.junit.jupiter.api.Test;

/**
 * The read path of a scan across two services on one Redis: read instructions to the device server,
 * its readings to the bundler, the bundler's segments out — what the scan server will drive.
 */
class ReadPathTest {

    @Test
    void readInstructionsOfAScanBecomeScanSegments() throws Exception {
        try (PrivateRedis redis = PrivateRedis.start()) {
            JedisConnector bus = JedisConnector.open("127.0.0.1", redis.port());
            ServiceLifecycle lifecycle = new ServiceLifecycle(bus, "test", Duration.ofMillis(500));
            DeviceServer server = new DeviceServer(bus, new AlarmPublisher(bus), lifecycle, (Path) null);
            BundlerAccess bundler = new BundlerAccess(bus, lifecycle);
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!(bus.state() == ConnectionState.CONNECTED && server.running() && bundler.running())) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("services did not start");
                    }
                    TimeUnit.MILLISECONDS.sleep(10);
                }
                server.addFactory(new SimPositionerFactory(), Map.of(DeviceFactory.DEVICE_CLASS,
                        new String[] {"ophyd_devices.SimPositioner"}));
                server.addFactory(new SimMonitorFactory(), Map.of(DeviceFactory.DEVICE_CLASS,
                        new String[] {"ophyd_devices.SimMonitor"}));
                server.load(new DeviceSessionReader().read(new StringReader("""
                        samx: {readoutPriority: baseline, deviceClass: ophyd_devices.SimPositioner, enabled: true,
                               deviceConfig: {delay: 0}}
                        bpm4i: {readoutPriority: monitored, deviceClass: ophyd_devices.SimMonitor, enabled: true,
                                deviceConfig: {noise: none}}
                        """), Path.of("."), "session.yaml"));
                Map<String, Object> priorities = new LinkedHashMap<>();
                priorities.put("monitored", List.of("samx", "bpm4i"));
                bus.setAndPublish(Endpoints.scanStatus(), new ScanStatusMessage(null, "s-9", "open", null, 9L, null,
                        5L, 5L, "line_scan", "software_triggered", 9L, List.of("samx"), null, priorities, Map.of(),
                        Map.of(), Map.of("RID", "r"), 1.0));

                LinkedBlockingQueue<BusEvent> segments = new LinkedBlockingQueue<>();
                try (Subscription s = bus.subscribe(Endpoints.scanSegment(), segments::add)) {
                    for (long point = 0; point < 5; point++) {
                        Map<String, Object> metadata = new LinkedHashMap<>();
                        metadata.put("device_instr_id", "i-" + point);
                        metadata.put("scan_id", "s-9");
                        metadata.put("point_id", point);
                        bus.send(Endpoints.deviceInstructions(), new DeviceInstructionMessage(metadata, "samx", "set",
                                Map.of("value", (double) point)));
                        bus.send(Endpoints.deviceInstructions(), new DeviceInstructionMessage(metadata,
                                List.of("samx", "bpm4i"), "read", Map.of()));
                    }
                    Set<Long> points = new TreeSet<>();
                    while (points.size() < 5) {
                        BusEvent e = segments.poll(10, TimeUnit.SECONDS);
                        if (e == null) {
                            throw new AssertionError("segments so far: " + points);
                        }
                        for (Object o : e.messages()) {
                            ScanMessage m = (ScanMessage) o;
                            points.add(m.pointId());
                            assertEquals(List.of("samx", "bpm4i"), List.copyOf(m.data().keySet()));
                        }
                    }
                    assertEquals(Set.of(0L, 1L, 2L, 3L, 4L), points);
                }
            } finally {
                bundler.stop();
                server.stop();
                lifecycle.stop();
                bus.close();
            }
        }
    }
}
