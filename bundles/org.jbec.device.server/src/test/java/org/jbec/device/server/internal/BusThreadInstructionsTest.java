package org.jbec.device.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jbec.bus.api.BusEvent;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.AlarmMessage;
import org.jbec.bus.api.message.DeviceInstructionMessage;
import org.jbec.bus.api.message.DeviceInstructionResponse;
import org.jbec.bus.redis.internal.JedisConnector;
import org.jbec.config.DeviceSessionReader;
import org.jbec.device.api.DeviceFactory;
import org.jbec.device.sim.internal.SimPositionerFactory;
import org.jbec.service.internal.AlarmPublisher;
import org.jbec.service.internal.ServiceLifecycle;
import org.jbec.test.support.Await;
import org.jbec.test.support.PrivateRedis;
import org.jbec.test.support.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Instructions of devices that promise to return at once run on the bus thread that received them
 * (no hand-off per instruction); everything that would wait there goes to the device threads, and a
 * device that breaks its promise loses it, with an alarm. A real Redis, driven through the bus.
 */
@ExtendWith(RedisServerExtension.class)
class BusThreadInstructionsTest {

    private static final String SESSION = """
            quick:
              readoutPriority: monitored
              deviceClass: test.Detector
              deviceConfig: {non_blocking: true}
              enabled: true
            plain:
              readoutPriority: monitored
              deviceClass: test.Detector
              enabled: true
            slow:
              readoutPriority: monitored
              deviceClass: test.Detector
              deviceConfig: {non_blocking: true, read_millis: 60}
              enabled: true
            mover:
              readoutPriority: baseline
              deviceClass: ophyd_devices.SimPositioner
              deviceConfig: {delay: 1, update_frequency: 4, limits: [-50, 50], tolerance: 0.01}
              enabled: true
            """;

    private final TestDetectorFactory recording = new TestDetectorFactory();
    private final LinkedBlockingQueue<BusEvent> responses = new LinkedBlockingQueue<>();
    private JedisConnector bus;
    private ServiceLifecycle lifecycle;
    private DeviceServer server;

    @BeforeEach
    void start(PrivateRedis redis) throws Exception {
        bus = DeviceServerTest.connector(redis.port());
        lifecycle = new ServiceLifecycle(bus, "test", Duration.ofMillis(500));
        server = new DeviceServer(bus, new AlarmPublisher(bus), lifecycle, (Path) null);
        server.addFactory(recording, Map.of(DeviceFactory.DEVICE_CLASS, new String[] {"test.Detector"}));
        server.addFactory(new SimPositionerFactory(), Map.of(DeviceFactory.DEVICE_CLASS,
                new String[] {"ophyd_devices.SimPositioner"}));
        bus.subscribe(Endpoints.deviceInstructionsResponse(), responses::add);
        Await.until("device server running", server::running);
        server.load(new DeviceSessionReader().read(new StringReader(SESSION), Path.of("."), "session.yaml"));
        recording.readThreads.values().forEach(List::clear); // the reads of loading the session
    }

    @AfterEach
    void stop() {
        server.stop();
        lifecycle.stop();
        bus.close();
    }

    /** Sends an instruction of a scan's request; returns its id. */
    private String send(String device, String action, Map<String, Object> parameter) {
        String id = java.util.UUID.randomUUID().toString();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("device_instr_id", id);
        metadata.put("RID", "scan-request");
        metadata.put("scan_id", "s-1");
        bus.send(Endpoints.deviceInstructions(), new DeviceInstructionMessage(metadata, device, action, parameter));
        return id;
    }

    /** The responses to the given instructions, in arrival order, until each has its final one. */
    private List<String> answers(String... ids) throws InterruptedException {
        List<String> pending = new ArrayList<>(List.of(ids));
        List<String> seen = new ArrayList<>();
        while (!pending.isEmpty()) {
            BusEvent e = responses.poll(Await.WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            if (e == null) {
                throw new AssertionError("no final response to " + pending + "; seen " + seen);
            }
            DeviceInstructionResponse r = e.as(DeviceInstructionResponse.class);
            int which = List.of(ids).indexOf(r.instructionId());
            if (which >= 0) {
                seen.add(which + " " + r.status());
                if (!r.status().equals("running")) {
                    pending.remove(r.instructionId());
                }
            }
        }
        return seen;
    }

    @Test
    void readsOfDevicesThatPromiseToReturnAtOnceRunOnTheBusThreadOthersOnDeviceThreads() throws Exception {
        answers(send("quick", "read", Map.of()), send("plain", "read", Map.of()));
        assertTrue(recording.readThreads.get("quick").get(0).startsWith("jbec-bus-"),
                "quick read on " + recording.readThreads.get("quick"));
        assertTrue(recording.readThreads.get("plain").get(0).startsWith("jbec-device-work"),
                "plain read on " + recording.readThreads.get("plain"));
    }

    @Test
    void aMoveStillUnderWayWaitsOnADeviceThreadAndTheBusThreadGoesOn() throws Exception {
        String move = send("mover", "set", Map.of("value", 3.0)); // a quarter of a second at least
        String read = send("quick", "read", Map.of());
        List<String> seen = answers(move, read);
        assertEquals(List.of("0 running", "1 running", "1 completed", "0 completed"), seen,
                "the read was answered while the move went on");
        assertTrue(recording.readThreads.get("quick").get(0).startsWith("jbec-bus-"));
        Object position = ((Map<?, ?>) bus.get(Endpoints.deviceReadback("mover")).orElseThrow().signals().get("mover"))
                .get("value");
        assertEquals(3.0, ((Number) position).doubleValue(), 0.01, "the move's re-read, within its tolerance");
        // the next move of the same request waits for nothing now and still runs in order
        String next = send("mover", "set", Map.of("value", 1.0));
        assertEquals(List.of("0 running", "0 completed"), answers(next));
    }

    @Test
    void aDeviceThatBreaksItsPromiseLosesItAndAnAlarmNamesIt() throws Exception {
        LinkedBlockingQueue<BusEvent> alarms = new LinkedBlockingQueue<>();
        try (Subscription s = bus.subscribe(Endpoints.alarms(), alarms::add)) {
            answers(send("slow", "read", Map.of()));
            AlarmMessage alarm = alarms.poll(Await.WITHIN.toMillis(), TimeUnit.MILLISECONDS).as(AlarmMessage.class);
            assertEquals("DeviceBlockedBus", alarm.info().exceptionType());
            assertEquals("slow", alarm.info().device());
            assertTrue(alarm.info().errorMessage().contains("on the bus thread"), alarm.info().errorMessage());
            answers(send("slow", "read", Map.of()));
            List<String> threads = recording.readThreads.get("slow");
            assertTrue(threads.get(0).startsWith("jbec-bus-"), threads.toString());
            assertTrue(threads.get(1).startsWith("jbec-device-work"), "demoted: " + threads);
        }
    }
}
