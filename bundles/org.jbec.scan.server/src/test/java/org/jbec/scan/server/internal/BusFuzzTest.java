package org.jbec.scan.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jbec.bus.api.message.AlarmMessage;
import org.jbec.bus.api.message.BecMessage;
import org.jbec.bus.api.message.DeviceConfigMessage;
import org.jbec.bus.api.message.DeviceInstructionMessage;
import org.jbec.bus.api.message.DeviceInstructionResponse;
import org.jbec.bus.api.message.DeviceMessage;
import org.jbec.bus.api.message.ScanQueueMessage;
import org.jbec.bus.api.message.ScanQueueModificationMessage;
import org.jbec.bus.api.message.ScanQueueOrderMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.jbec.bus.api.message.VariableMessage;
import org.jbec.test.support.Await;
import org.junit.jupiter.api.Test;

import redis.clients.jedis.Jedis;

/**
 * Issue 10 (a): junk on every channel the device server, scan bundler, guard and queue manager
 * subscribe to, from a fixed seed. Afterwards every service runs, the queues are idle, the guard
 * has answered every queue request it could decode, and a normal scan runs whole.
 */
class BusFuzzTest extends WithScanSystem {

    static final long SEED = 20261129L;
    static final int RANDOM_PER_CHANNEL = 30;
    static final int HOSTILE_PER_CHANNEL = 40;

    /** Channel → the message class its subscriber expects (grep bus.subscribe in bundles/ * /src/main). */
    static Map<String, Class<? extends BecMessage>> channels() {
        Map<String, Class<? extends BecMessage>> c = new LinkedHashMap<>();
        c.put("personal/fuzz/queue/queue_request", ScanQueueMessage.class);           // guard
        c.put("user/queue/queue_modification_request", ScanQueueModificationMessage.class); // guard
        c.put("user/queue/queue_order_change_request", ScanQueueOrderMessage.class);  // guard
        c.put("info/queue/queue_insert", ScanQueueMessage.class);                     // queue manager
        c.put("info/queue/queue_modification", ScanQueueModificationMessage.class);  // queue manager
        c.put("info/queue/queue_order_change", ScanQueueOrderMessage.class);          // queue manager
        c.put("user/alarms", AlarmMessage.class);                                     // queue manager
        c.put("internal/devices/instructions_response", DeviceInstructionResponse.class); // scan runs
        c.put("internal/devices/instructions", DeviceInstructionMessage.class);       // device server
        c.put("user/queue/stop_devices", VariableMessage.class);                      // device server
        c.put("user/devices/config_request", DeviceConfigMessage.class);              // device server
        c.put("info/scans/scan_status", ScanStatusMessage.class);                     // scan bundler
        c.put("info/devices/read/samx", DeviceMessage.class);                         // scan bundler
        c.put("info/devices/readback/samx", DeviceMessage.class);                     // sweep scans
        return c;
    }

    @Test
    void junkOnEveryChannelLeavesEveryServiceWorking() throws Exception {
        HostileMessages hostile = new HostileMessages(SEED);
        int sent = 0;
        try (Jedis raw = new Jedis("127.0.0.1", redis.port())) {
            for (var channel : channels().entrySet()) {
                List<byte[]> payloads = payloads(hostile, channel.getValue());
                for (byte[] payload : payloads) {
                    raw.publish(channel.getKey().getBytes(), payload);
                }
                sent += payloads.size();
            }
        }
        System.out.printf("bus fuzz: %d payloads on %d channels (seed %d)%n", sent, channels().size(), SEED);
        // at least the hostile requests and the two of another class: each gets an answer, accepted or not
        int answered = HOSTILE_PER_CHANNEL + 2;
        Await.until("the guard answered every decodable queue request (" + answered + ")", Duration.ofSeconds(30),
                () -> system.responses.size() >= answered);
        // items put straight on info/queue/queue_insert skip the guard (as in BEC): they fail when run
        SystemHealth.settleQueues(system);
        assertTrue(system.bus.lrange(org.jbec.bus.api.Endpoints.scanQueueHistory(), 0, -1).stream()
                .noneMatch(h -> "RUNNING".equals(h.status())), "every scan the junk started has ended");
        SystemHealth.assertAlive(system, "primary");
        // the guard acknowledges a restart under its new RID (metadata: the RID alone); queue requests carry client_info
        var accepted = system.responses.stream().filter(r -> r.accepted() && r.metadata().containsKey("client_info")).toList();
        assertEquals(1, accepted.size(), "only the normal scan was accepted: " + accepted);
        assertTrue(system.alarms.stream().noneMatch(a -> a.severity() == 2 && a.info() != null
                && String.valueOf(a.info().errorMessage()).contains("line_scan samx")), "no alarm about the normal scan");
    }

    private static List<byte[]> payloads(HostileMessages hostile, Class<? extends BecMessage> type) {
        List<byte[]> out = new java.util.ArrayList<>();
        for (int i = 0; i < RANDOM_PER_CHANNEL; i++) {
            out.add(hostile.randomBytes());
        }
        out.addAll(hostile.wrongShapes());
        out.add(hostile.emptyEnvelope(type));
        // the right envelope, the wrong class
        out.add(hostile.encode(new VariableMessage(null, "junk")));
        Class<? extends BecMessage> other = type == ScanStatusMessage.class ? AlarmMessage.class : ScanStatusMessage.class;
        out.add(hostile.encode(hostile.message(other)));
        for (int i = 0; i < HOSTILE_PER_CHANNEL; i++) {
            out.add(hostile.encode(hostileOf(hostile, type)));
        }
        return out;
    }

    /** Hostile but not a legitimate order to wipe the session or pause the queues: those are not faults. */
    private static BecMessage hostileOf(HostileMessages hostile, Class<? extends BecMessage> type) {
        if (type == DeviceConfigMessage.class) {
            return hostile.message(DeviceConfigMessage.class, m -> "add".equals(m.action()) || "update".equals(m.action()));
        }
        return hostile.message(type);
    }
}
