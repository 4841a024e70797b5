package org.jbec.bus.redis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jbec.bus.api.BusEvent;
import org.jbec.bus.api.ConnectionState;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Limits;
import org.jbec.bus.api.StreamStart;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.DeviceMessage;
import org.jbec.bus.api.message.LogMessage;
import org.jbec.bus.api.message.ScanQueueHistoryMessage;
import org.jbec.bus.api.message.VariableMessage;
import org.jbec.bus.redis.internal.codec.MsgpackCodec;
import org.jbec.test.support.PrivateRedis;
import org.jbec.test.support.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import redis.clients.jedis.Jedis;

/** The connector against a real Redis of the test's own, checked with a plain Jedis client beside it. */
@ExtendWith(RedisServerExtension.class)
class JedisConnectorTest {

    private JedisConnector connector;
    private Jedis raw;

    @BeforeEach
    void connect(PrivateRedis redis) throws InterruptedException {
        connector = TestConfig.connector(redis.port());
        raw = new Jedis("127.0.0.1", redis.port());
        raw.flushAll();
        awaitState(connector, ConnectionState.CONNECTED);
    }

    @AfterEach
    void close() {
        connector.close();
        raw.close();
    }

    static void awaitState(Connector connector, ConnectionState state) throws InterruptedException {
        LinkedBlockingQueue<ConnectionState> changes = new LinkedBlockingQueue<>();
        try (Subscription s = connector.onStateChange(changes::add)) {
            long deadline = System.nanoTime() + Inbox.WITHIN.toNanos();
            while (connector.state() != state) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("connector not " + state + " within " + Inbox.WITHIN + ": "
                            + connector.state());
                }
                changes.poll(50, TimeUnit.MILLISECONDS);
            }
        }
    }

    private static DeviceMessage reading(String device, double value) {
        Map<String, Object> signals = new LinkedHashMap<>();
        signals.put(device, Map.of("value", value, "timestamp", 1.0));
        return new DeviceMessage(null, signals);
    }

    /**
     * Callbacks may run on the reader that received the message or on the dispatcher thread, but
     * always one at a time and in arrival order, also across channels, patterns and streams, and also
     * when one is slow (the messages behind it queue up, none is lost).
     */
    @Test
    void callbacksRunOneAtATimeInArrivalOrder() throws Exception {
        int n = 600;
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger overlaps = new java.util.concurrent.atomic.AtomicInteger();
        List<Long> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.function.Consumer<BusEvent> record = e -> {
            if (running.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            long i = Math.round((Double) ((DeviceMessage) e.value()).signals().get("i"));
            if (i % 97 == 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // a slow one
            }
            seen.add(i);
            running.decrementAndGet();
        };
        try (Subscription a = connector.subscribe(Endpoints.deviceReadback("samx"), record);
                Subscription b = connector.subscribe(Endpoints.deviceReadback("*"), record)) {
            for (int i = 0; i < n; i++) {
                // one publisher: arrival order is publication order; each message reaches both callbacks
                raw.publish("info/devices/readback/samx".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        new MsgpackCodec().encode(new DeviceMessage(null, Map.of("i", (double) i))));
            }
            long deadline = System.nanoTime() + Inbox.WITHIN.toNanos();
            while (seen.size() < 2 * n && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
        }
        assertEquals(2 * n, seen.size(), "every message reached both callbacks");
        assertEquals(0, overlaps.get(), "no two callbacks ran at the same time");
        for (int k = 0; k < 2 * n; k++) {
            assertEquals(k / 2, seen.get(k), "arrival order at " + k);
        }
    }

    /**
     * A callback that throws an Error (a plugin's class gone with its bundle) neither keeps the
     * message from the other subscribers nor stops delivery.
     */
    @Test
    void aCallbackThrowingAnErrorStopsNothing() throws Exception {
        Inbox after = new Inbox();
        java.util.concurrent.atomic.AtomicInteger thrown = new java.util.concurrent.atomic.AtomicInteger();
        try (Subscription broken = connector.subscribe(Endpoints.deviceReadback("samx"), e -> {
            thrown.incrementAndGet();
            throw new NoClassDefFoundError("org/example/GonePlugin");
        });
                Subscription fine = connector.subscribe(Endpoints.deviceReadback("samx"), after)) {
            for (int i = 0; i < 3; i++) {
                connector.setAndPublish(Endpoints.deviceReadback("samx"), reading("samx", i));
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(reading("samx", i), after.next().value());
            }
            assertEquals(3, thrown.get());
        }
    }

    /** A callback may subscribe (the reader that runs it must not wait for its own confirmation). */
    @Test
    void aCallbackSubscribesWithoutStallingTheBus() throws Exception {
        Inbox later = new Inbox();
        java.util.concurrent.CompletableFuture<Long> took = new java.util.concurrent.CompletableFuture<>();
        List<Subscription> opened = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (Subscription first = connector.subscribe(Endpoints.deviceReadback("samx"), e -> {
            long start = System.nanoTime();
            opened.add(connector.subscribe(Endpoints.deviceReadback("samy"), later));
            took.complete(System.nanoTime() - start);
        })) {
            connector.setAndPublish(Endpoints.deviceReadback("samx"), reading("samx", 1));
            long nanos = took.get(Inbox.WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(nanos < TimeUnit.MILLISECONDS.toNanos(500), "subscribing took " + nanos / 1_000_000 + " ms");
            long deadline = System.nanoTime() + Inbox.WITHIN.toNanos();
            // the new subscription is live once Redis confirmed it; publish until it is
            BusEvent e = null;
            while (e == null && System.nanoTime() < deadline) {
                connector.setAndPublish(Endpoints.deviceReadback("samy"), reading("samy", 2));
                e = later.poll(50);
            }
            assertEquals(reading("samy", 2), e == null ? null : e.value());
        } finally {
            opened.forEach(Subscription::close);
        }
    }

    @Test
    void setAndPublishStoresPublishesAndExpires() throws Exception {
        Inbox inbox = new Inbox();
        try (Subscription s = connector.subscribe(Endpoints.deviceReadback("samx"), inbox)) {
            awaitState(connector, ConnectionState.CONNECTED);
            connector.setAndPublish(Endpoints.deviceReadback("samx"), reading("samx", 1.5), Duration.ofSeconds(60));
            BusEvent e = inbox.next();
            assertEquals("info/devices/readback/samx", e.topic());
            assertEquals(reading("samx", 1.5), e.value());
            assertTrue(inbox.threads.get(0).startsWith("jbec-bus-"), "callbacks run on the connector's threads: "
                    + inbox.threads);
        }
        assertEquals(reading("samx", 1.5), connector.get(Endpoints.deviceReadback("samx")).orElseThrow());
        long ttl = raw.ttl("info/devices/readback/samx");
        assertTrue(ttl > 50 && ttl <= 60, "EX 60 observed: " + ttl);
        // a SET without EX clears the TTL, as BEC relies on
        connector.setAndPublish(Endpoints.deviceReadback("samx"), reading("samx", 2));
        assertEquals(-1, raw.ttl("info/devices/readback/samx"));
    }

    @Test
    void patternSubscriptionsSeeConcreteChannels() throws Exception {
        Inbox inbox = new Inbox();
        try (Subscription s = connector.subscribe(Endpoints.deviceRead("*"), inbox)) {
            connector.setAndPublish(Endpoints.deviceRead("samx"), reading("samx", 1));
            connector.setAndPublish(Endpoints.deviceRead("samy"), reading("samy", 2));
            List<BusEvent> events = inbox.next(2);
            assertEquals(List.of("info/devices/read/samx", "info/devices/read/samy"),
                    events.stream().map(BusEvent::topic).toList());
        }
    }

    @Test
    void sendStoresNothing() throws Exception {
        Inbox inbox = new Inbox();
        try (Subscription s = connector.subscribe(Endpoints.stopDevices(), inbox)) {
            connector.send(Endpoints.stopDevices(), new VariableMessage(null, List.of("samx")));
            assertEquals(List.of("samx"), inbox.next().as(VariableMessage.class).value());
        }
        assertFalse(raw.exists("user/queue/stop_devices"));
    }

    @Test
    void unsubscribedCallbacksHearNothingMore() throws Exception {
        Inbox inbox = new Inbox();
        Subscription s = connector.subscribe(Endpoints.stopDevices(), inbox);
        connector.send(Endpoints.stopDevices(), new VariableMessage(null, null));
        inbox.next();
        s.close();
        connector.send(Endpoints.stopDevices(), new VariableMessage(null, null));
        assertTrue(inbox.quietFor(Duration.ofMillis(300)));
    }

    @Test
    void streamsWithLimitsAndTheThreeStartPositions() throws Exception {
        var log = Endpoints.log();
        for (int i = 0; i < 5; i++) {
            connector.xadd(log, new LogMessage(null, "info", "line " + i), Limits.exactMaxLength(3));
        }
        assertEquals(3, raw.xlen("user/log"));
        assertEquals(List.of("line 3", "line 4"), connector.lastEntries(log, 2).stream()
                .map(e -> e.as(LogMessage.class).logMsg()).toList());

        Inbox fromStart = new Inbox();
        Inbox fresh = new Inbox();
        Inbox newest = new Inbox();
        try (Subscription a = connector.subscribeStream(log, StreamStart.FROM_START, fromStart);
                Subscription b = connector.subscribeStream(log, StreamStart.NEW, fresh);
                Subscription c = connector.subscribeStream(log, StreamStart.NEWEST_ONLY, newest)) {
            assertEquals(List.of("line 2", "line 3", "line 4"), fromStart.next(3).stream()
                    .map(e -> e.as(LogMessage.class).logMsg()).toList());
            assertEquals("line 4", newest.next().as(LogMessage.class).logMsg());
            connector.xadd(log, new LogMessage(null, "info", "line 5"), Limits.maxLength(10_000));
            assertEquals("line 5", fromStart.next().as(LogMessage.class).logMsg());
            BusEvent e = fresh.next();
            assertEquals("line 5", e.as(LogMessage.class).logMsg());
            assertTrue(e.id().matches("\\d+-\\d+"), e.id());
            assertEquals("line 5", newest.next().as(LogMessage.class).logMsg());
            assertTrue(fresh.quietFor(Duration.ofMillis(300)), "NEW delivers nothing older");
        }
        connector.xadd(Endpoints.account(), new VariableMessage(null, "p12345"),
                Limits.exactMaxLength(1).withExpire(Duration.ofSeconds(100)));
        long ttl = raw.ttl("info/account");
        assertTrue(ttl > 90 && ttl <= 100, "EXPIRE observed: " + ttl);
    }

    @Test
    void listsTrimAndExpire() {
        var history = Endpoints.scanQueueHistory();
        for (int i = 0; i < 5; i++) {
            connector.lpush(history, historyEntry("q" + i), Limits.maxLength(3).withExpire(Duration.ofSeconds(100)));
        }
        assertEquals(3, connector.llen(history));
        assertEquals(List.of("q4", "q3", "q2"), connector.lrange(history, 0, -1).stream()
                .map(ScanQueueHistoryMessage::queueId).toList());
        assertTrue(raw.ttl("info/queue/queue_history") > 90);
        var index = Endpoints.deviceAsyncSignalIndex("s", "eiger", "image");
        assertEquals(0, connector.llen(index));
    }

    @Test
    void listRemovalTrimmingAndBlockingPops() {
        var schedule = Endpoints.scanQueueSchedule("night");
        var a = new org.jbec.bus.api.message.ScanQueueMessage(null, "line_scan", Map.of("args", Map.of()), "primary", true);
        var b = new org.jbec.bus.api.message.ScanQueueMessage(null, "grid_scan", Map.of("args", Map.of()), "primary", true);
        connector.rpush(schedule, a, Limits.NONE);
        connector.rpush(schedule, b, Limits.NONE);
        connector.rpush(schedule, a, Limits.NONE);
        assertEquals(2, connector.lrem(schedule, 0, a));
        assertEquals(List.of(b), connector.lrange(schedule, 0, -1));
        connector.rpush(schedule, a, Limits.NONE);
        connector.ltrim(schedule, 1, -1);
        assertEquals(List.of(a), connector.lrange(schedule, 0, -1));
        assertEquals(a, connector.blockingListPop(schedule, Duration.ofSeconds(1), false).orElseThrow());
        long start = System.nanoTime();
        assertTrue(connector.blockingListPop(schedule, Duration.ofMillis(300), true).isEmpty());
        assertTrue(System.nanoTime() - start >= 250_000_000L, "waited for the timeout");
    }

    @Test
    void popToSetMovesAMessageIntoASet() {
        var list = new org.jbec.bus.api.Endpoint<>("test/procedures/queue", VariableMessage.class,
                org.jbec.bus.api.MessageOp.LIST);
        var set = new org.jbec.bus.api.Endpoint<>("test/procedures/active", VariableMessage.class,
                org.jbec.bus.api.MessageOp.SET);
        VariableMessage job = new VariableMessage(null, "job-1");
        connector.lpush(list, job, Limits.NONE);
        assertEquals(job, connector.blockingListPopToSetAdd(list, set, Duration.ofSeconds(1), true).orElseThrow());
        assertEquals(java.util.Set.of(job), connector.setMembers(set));
        connector.removeFromSet(set, job);
        assertTrue(connector.setMembers(set).isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> connector.blockingListPopToSetAdd(list, list, Duration.ofMillis(10), true));
    }

    private static ScanQueueHistoryMessage historyEntry(String queueId) {
        var entry = new org.jbec.bus.api.message.QueueInfoEntry(queueId, List.of(), List.of(), List.of(), List.of(),
                "COMPLETED", null, null);
        return new ScanQueueHistoryMessage(null, "COMPLETED", queueId, entry, "primary");
    }

    @Test
    void batchesAreAtomic() throws Exception {
        Inbox inbox = new Inbox();
        try (Subscription s = connector.subscribe(Endpoints.deviceRead("*"), inbox)) {
            Connector.Batch batch = connector.batch();
            batch.setAndPublish(Endpoints.deviceRead("samx"), reading("samx", 1));
            batch.setAndPublish(Endpoints.deviceReadback("samx"), reading("samx", 1));
            assertFalse(raw.exists("info/devices/read/samx"), "nothing before execute");
            batch.execute();
            inbox.next();
        }
        assertTrue(raw.exists("info/devices/read/samx") && raw.exists("info/devices/readback/samx"));
    }

    @Test
    void endpointMisuseFailsAtTheCall() {
        assertThrows(IllegalArgumentException.class,
                () -> connector.xadd(Endpoints.deviceReadback("samx"), reading("samx", 1), Limits.NONE));
        assertThrows(IllegalArgumentException.class, () -> connector.batch().xadd(Endpoints.stopDevices(),
                new VariableMessage(null, 1L), Limits.NONE));
        assertThrows(IllegalArgumentException.class, () -> connector.get(Endpoints.stopDevices()));
        assertThrows(IllegalArgumentException.class, () -> connector.subscribeStream(Endpoints.stopDevices(),
                StreamStart.NEW, e -> { }));
    }

    @Test
    void badPayloadsAreCountedAndTheSubscriberKeepsWorking() throws Exception {
        Inbox inbox = new Inbox();
        String channel = "user/queue/stop_devices";
        try (Subscription s = connector.subscribe(Endpoints.stopDevices(), inbox)) {
            long before = connector.decodeErrors();
            byte[] valid = new MsgpackCodec().encode(new VariableMessage(null, "ok"));
            raw.publish(channel.getBytes(), new byte[] {(byte) 0xc1, 0x00, (byte) 0xff}); // random bytes
            raw.publish(channel.getBytes(), java.util.Arrays.copyOf(valid, valid.length / 2)); // truncated
            raw.publish(channel.getBytes(), HexFormat.of().parseHex( // wrong field type: ScanStatusMessage.status = 5
                    "81ad5f5f6265635f636f6465635f5f83ac656e636f6465725f6e616d65aa4245434d657373616765a9747970655f6e616d65"
                            + "b15363616e5374617475734d657373616765a46461746183a77363616e5f6964a3732d31a673746174757305a4696e666f80"));
            raw.publish(channel.getBytes(), HexFormat.of().parseHex( // unknown message type
                    "81ad5f5f6265635f636f6465635f5f83ac656e636f6465725f6e616d65aa4245434d657373616765a9747970655f6e616d65"
                            + "a3466f6fa46461746180"));
            raw.publish(channel.getBytes(), valid);
            assertEquals("ok", inbox.next().as(VariableMessage.class).value());
            assertEquals(before + 4, connector.decodeErrors());
        }
    }
}
