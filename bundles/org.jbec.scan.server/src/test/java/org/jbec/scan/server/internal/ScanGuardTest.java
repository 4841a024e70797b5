package org.jbec.scan.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jbec.bus.api.ConnectionState;
import org.jbec.bus.api.Endpoint;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.AvailableResourceMessage;
import org.jbec.bus.api.message.BecMessage;
import org.jbec.bus.api.message.DeviceInstructionMessage;
import org.jbec.bus.api.message.QueueInfoEntry;
import org.jbec.bus.api.message.RequestResponseMessage;
import org.jbec.bus.api.message.ScanQueueMessage;
import org.jbec.bus.api.message.ScanQueueModificationMessage;
import org.jbec.bus.api.message.ScanQueueOrderMessage;
import org.jbec.bus.api.message.ScanQueueStatus;
import org.jbec.bus.api.message.ScanQueueStatusMessage;
import org.jbec.bus.redis.internal.JedisConnector;
import org.jbec.scan.standard.internal.StandardScanDescriptions;
import org.jbec.test.support.Await;
import org.jbec.test.support.PrivateRedis;
import org.jbec.test.support.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The guard on a real Redis, sent what BEC's client sends. */
@ExtendWith(RedisServerExtension.class)
class ScanGuardTest {

    private JedisConnector bus;
    private ScanGuard guard;

    @BeforeEach
    void start(PrivateRedis redis) throws Exception {
        bus = JedisConnector.open("127.0.0.1", redis.port());
        Await.until("bus connected", () -> bus.state() == ConnectionState.CONNECTED);
        Map<String, Object> scans = new LinkedHashMap<>();
        StandardScanDescriptions.all().forEach(d -> scans.put(d.name(), d.toResource()));
        bus.setAndPublish(Endpoints.availableScans(), new AvailableResourceMessage(null, scans));
        bus.set(Endpoints.deviceConfig(), new AvailableResourceMessage(null, List.of(
                Map.of("name", "samx", "enabled", true, "deviceClass", "SimPositioner"),
                Map.of("name", "samy", "enabled", false, "deviceClass", "SimPositioner"))), null);
        guard = new ScanGuard(bus);
        Await.until("guard listening", guard::listening);
    }

    @AfterEach
    void stop() {
        guard.stop();
        bus.close();
    }

    private <M extends BecMessage> BlockingQueue<M> listen(Endpoint<M> endpoint, Class<M> type) {
        BlockingQueue<M> received = new LinkedBlockingQueue<>();
        bus.subscribe(endpoint, e -> received.add(e.as(type)));
        return received;
    }

    private static <M> M next(BlockingQueue<M> queue) throws InterruptedException {
        M value = queue.poll(10, TimeUnit.SECONDS);
        assertNotNull(value, "nothing received");
        return value;
    }

    private static ScanQueueMessage request(String user, String scanType, Object args, Map<String, Object> kwargs) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("RID", "rid-" + scanType + "-" + user);
        if (user != null) {
            metadata.put("client_info", Map.of("acl_user", user, "username", user, "hostname", "test"));
        }
        return new ScanQueueMessage(metadata, scanType, Map.of("args", args, "kwargs", kwargs), "primary", true);
    }

    @Test
    void anAcceptedScanIsAnsweredUnderItsRidAndGoesToTheQueue() throws Exception {
        var responses = listen(Endpoints.scanQueueRequestResponse(), RequestResponseMessage.class);
        var inserts = listen(Endpoints.scanQueueInsert(), ScanQueueMessage.class);
        ScanQueueMessage scan = request("alice", "line_scan", Map.of("samx", List.of(-1, 1)),
                Map.of("steps", 10, "relative", false));
        bus.send(Endpoints.scanQueueRequest("alice"), scan);

        RequestResponseMessage response = next(responses);
        assertTrue(response.accepted());
        assertEquals("rid-line_scan-alice", response.metadata().get("RID"));
        // compared as text: ints come back from msgpack as longs
        assertEquals(scan.toString(), next(inserts).toString());
    }

    @Test
    void badRequestsAreRejectedWithAReasonAndNeverQueued() throws Exception {
        var responses = listen(Endpoints.scanQueueRequestResponse(), RequestResponseMessage.class);
        var inserts = listen(Endpoints.scanQueueInsert(), ScanQueueMessage.class);
        Map<String, ScanQueueMessage> cases = new LinkedHashMap<>();
        cases.put("not offered", request("alice", "spiral_of_doom", List.of(), Map.of()));
        cases.put("disabled", request("alice", "line_scan", Map.of("samy", List.of(0, 1)), Map.of("steps", 3)));
        cases.put("alice", request("alice", "line_scan", Map.of("samx", List.of(0, 1)), Map.of("steps", 3)));
        cases.put("client_info", request(null, "line_scan", Map.of("samx", List.of(0, 1)), Map.of("steps", 3)));
        cases.put("not in the session", request("bob", "device_rpc", List.of(), Map.of("device", "ghost", "func", "set")));
        cases.put("needs parameter.kwargs.device", request("bob", "device_rpc", List.of(), Map.of("func", "set")));
        for (var c : cases.entrySet()) {
            // the "alice" case is sent on bob's channel: a user cannot queue in another's name
            String channel = c.getKey().equals("disabled") || c.getKey().equals("not offered") ? "alice" : "bob";
            bus.send(Endpoints.scanQueueRequest(channel), c.getValue());
            RequestResponseMessage response = next(responses);
            assertFalse(response.accepted(), c.getKey());
            assertTrue(String.valueOf(response.message()).contains(c.getKey()),
                    () -> c.getKey() + " not in: " + response.message());
        }
        assertNull(inserts.poll(200, TimeUnit.MILLISECONDS), "a rejected request reached the queue");
    }

    @Test
    void argumentsAreCheckedAgainstTheScanSignature() throws Exception {
        var responses = listen(Endpoints.scanQueueRequestResponse(), RequestResponseMessage.class);
        var inserts = listen(Endpoints.scanQueueInsert(), ScanQueueMessage.class);
        Map<String, Object> line = Map.of("steps", 10, "relative", false);
        Map<String, ScanQueueMessage> rejected = new LinkedHashMap<>();
        rejected.put("groups of 3", request("u", "line_scan", Map.of("samx", List.of(-1)), line));
        rejected.put("steps", request("u", "line_scan", Map.of("samx", List.of(-1, 1)), Map.of("relative", false)));
        rejected.put("relative", request("u", "line_scan", Map.of("samx", List.of(-1, 1)), Map.of("steps", 3)));
        rejected.put("out of bounds", request("u", "line_scan", Map.of("samx", List.of(-1, 1)), Map.of("steps", 0, "relative", true)));
        rejected.put("must be a number", request("u", "line_scan", Map.of("samx", List.of("a", 1)), line));
        rejected.put("'ghost' is not a device", request("u", "line_scan", Map.of("ghost", List.of(0, 1)), line));
        rejected.put("2 or more", request("u", "grid_scan", Map.of("samx", List.of(0, 1, 5)), Map.of("relative", false)));
        rejected.put("must be one of", request("u", "fermat_scan", List.of("samx", -1, 1, "samx", -1, 1, 0.5),
                Map.of("relative", false, "optim_trajectory", "zigzag")));
        rejected.put("must be an integer", request("u", "time_scan", List.of(2.5, 0.1), Map.of()));
        rejected.put("takes 6 positional", request("u", "round_scan", List.of("samx", "samx", 0, 1, 2, 3, 4),
                Map.of("relative", false)));
        rejected.put("both by position and by name", request("u", "time_scan", List.of(5, 0.1), Map.of("points", 5)));
        rejected.put("must be true or false", request("u", "mv", Map.of("samx", List.of(1)), Map.of("relative", "no")));
        for (var c : rejected.entrySet()) {
            bus.send(Endpoints.scanQueueRequest("u"), c.getValue());
            RequestResponseMessage response = next(responses);
            assertFalse(response.accepted(), c.getKey());
            assertTrue(String.valueOf(response.message()).contains(c.getKey()),
                    () -> c.getKey() + " not in: " + response.message());
        }
        assertNull(inserts.poll(200, TimeUnit.MILLISECONDS), "a rejected request reached the queue");

        List<ScanQueueMessage> good = List.of(
                request("u", "fermat_scan", List.of("samx", -1, 1, "samx", -1, 1, 0.5),
                        Map.of("relative", true, "optim_trajectory", "corridor", "exp_time", 0.1)),
                request("u", "time_scan", List.of(5, 0.1), Map.of("exp_time", 0.05)),
                request("u", "acquire", List.of(), Map.of("burst_at_each_point", 3, "system_config", Map.of())),
                request("u", "umv", Map.of("samx", List.of(2.5)), Map.of("relative", false)));
        for (ScanQueueMessage m : good) {
            bus.send(Endpoints.scanQueueRequest("u"), m);
            RequestResponseMessage response = next(responses);
            assertTrue(response.accepted(), () -> m.scanType() + ": " + response.message());
            assertEquals(m.scanType(), next(inserts).scanType());
        }
    }

    @Test
    void aDirectReadGoesToTheDeviceServerNotTheQueue() throws Exception {
        var responses = listen(Endpoints.scanQueueRequestResponse(), RequestResponseMessage.class);
        var instructions = listen(Endpoints.deviceInstructions(), DeviceInstructionMessage.class);
        var inserts = listen(Endpoints.scanQueueInsert(), ScanQueueMessage.class);
        bus.send(Endpoints.scanQueueRequest("bob"), request("bob", "device_rpc", List.of(),
                Map.of("device", "samx", "func", "readback.get", "rpc_id", "rpc-1", "func_args", List.of(),
                        "func_kwargs", Map.of())));

        assertTrue(next(responses).accepted());
        DeviceInstructionMessage instruction = next(instructions);
        assertEquals("rpc", instruction.action());
        assertEquals("samx", instruction.device());
        assertEquals("readback.get", instruction.parameter().get("func"));
        assertEquals("rpc-1", instruction.parameter().get("rpc_id"));
        assertNotNull(instruction.metadata().get("device_instr_id"));
        assertNull(inserts.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void aRestartIsAnsweredUnderTheNewRidAndForwarded() throws Exception {
        var responses = listen(Endpoints.scanQueueRequestResponse(), RequestResponseMessage.class);
        var forwarded = listen(Endpoints.scanQueueModification(), ScanQueueModificationMessage.class);
        var restart = new ScanQueueModificationMessage(null, null, "req-1", "restart",
                Map.of("position", "replace", "RID", "new-rid"), "primary");
        bus.send(Endpoints.scanQueueModificationRequest(), restart);

        RequestResponseMessage response = next(responses);
        assertTrue(response.accepted());
        assertEquals("new-rid", response.metadata().get("RID"));
        assertEquals(restart, next(forwarded));
    }

    @Test
    void itemsAreReorderedOnlyInAPausedQueueThatHoldsThem() throws Exception {
        var responses = listen(Endpoints.scanQueueOrderChangeResponse(), RequestResponseMessage.class);
        var forwarded = listen(Endpoints.scanQueueOrderChange(), ScanQueueOrderMessage.class);
        var move = new ScanQueueOrderMessage(null, "scan-2", "move_up", "primary", null);

        queueStatus("RUNNING");
        bus.send(Endpoints.scanQueueOrderChangeRequest(), move);
        RequestResponseMessage running = next(responses);
        assertFalse(running.accepted());
        assertTrue(String.valueOf(running.message()).contains("pause it"), String.valueOf(running.message()));

        queueStatus("PAUSED");
        bus.send(Endpoints.scanQueueOrderChangeRequest(), new ScanQueueOrderMessage(null, "scan-9", "move_up", "primary", null));
        assertTrue(String.valueOf(next(responses).message()).contains("scan-9"));
        bus.send(Endpoints.scanQueueOrderChangeRequest(), new ScanQueueOrderMessage(null, "scan-2", "move_to", "primary", null));
        assertTrue(String.valueOf(next(responses).message()).contains("target_position"));
        bus.send(Endpoints.scanQueueOrderChangeRequest(), new ScanQueueOrderMessage(null, "scan-2", "move_up", "other", null));
        assertTrue(String.valueOf(next(responses).message()).contains("does not exist"));
        assertNull(forwarded.poll(200, TimeUnit.MILLISECONDS), "a rejected order change was forwarded");

        bus.send(Endpoints.scanQueueOrderChangeRequest(), move);
        RequestResponseMessage accepted = next(responses);
        assertTrue(accepted.accepted());
        assertEquals("Order change accepted", accepted.message());
        assertEquals(move, next(forwarded));
    }

    private void queueStatus(String status) {
        List<QueueInfoEntry> items = List.of(item("q-1", "scan-1"), item("q-2", "scan-2"));
        bus.setAndPublish(Endpoints.scanQueueStatus(),
                new ScanQueueStatusMessage(null, Map.of("primary", new ScanQueueStatus(items, status, List.of()))));
    }

    private static QueueInfoEntry item(String queueId, String scanId) {
        return new QueueInfoEntry(queueId, List.of(scanId), List.of(true), List.of(), List.of(1L), "PENDING", null, null);
    }
}
