package org.jbec.bus.redis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.jbec.bus.api.ConnectionState;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Limits;
import org.jbec.bus.api.StreamStart;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.LogMessage;
import org.jbec.bus.api.message.VariableMessage;
import org.jbec.test.support.PrivateRedis;
import org.junit.jupiter.api.Test;

/** Redis restarted under a running connector: it reconnects and every subscription resumes. */
class ReconnectTest {

    @Test
    void subscriptionsAndStreamReadsResumeAfterARedisRestart() throws Exception {
        try (PrivateRedis redis = PrivateRedis.start()) {
            JedisConnector connector = TestConfig.connector(redis.port());
            try {
                JedisConnectorTest.awaitState(connector, ConnectionState.CONNECTED);
                Inbox channel = new Inbox();
                Inbox pattern = new Inbox();
                Inbox stream = new Inbox();
                try (Subscription a = connector.subscribe(Endpoints.stopDevices(), channel);
                        Subscription b = connector.subscribe(Endpoints.deviceRead("*"), pattern);
                        Subscription c = connector.subscribeStream(Endpoints.log(), StreamStart.NEW, stream)) {
                    connector.xadd(Endpoints.log(), new LogMessage(null, "info", "before"), Limits.NONE);
                    assertEquals("before", stream.next().as(LogMessage.class).logMsg());

                    redis.stop();
                    JedisConnectorTest.awaitState(connector, ConnectionState.RECONNECTING);
                    redis.restart(); // empty: the stream is gone, its ids start over
                    JedisConnectorTest.awaitState(connector, ConnectionState.CONNECTED);

                    for (int i = 0; i < 20; i++) {
                        connector.send(Endpoints.stopDevices(), new VariableMessage(null, (long) i));
                        connector.setAndPublish(Endpoints.deviceRead("samx"),
                                new org.jbec.bus.api.message.DeviceMessage(null, Map.of("samx", Map.of("value", (long) i))));
                        connector.xadd(Endpoints.log(), new LogMessage(null, "info", "after " + i), Limits.NONE);
                    }
                    for (int i = 0; i < 20; i++) {
                        assertEquals((long) i, channel.next().as(VariableMessage.class).value(), "channel message " + i);
                        assertEquals("info/devices/read/samx", pattern.next().topic());
                        assertEquals("after " + i, stream.next().as(LogMessage.class).logMsg(), "stream entry " + i);
                    }
                }
            } finally {
                connector.close();
            }
            assertEquals(ConnectionState.CLOSED, connector.state());
        }
    }

    @Test
    void aWriteDuringAShortOutageWaitsAndGoesThroughOnceRedisIsBack() throws Exception {
        try (PrivateRedis redis = PrivateRedis.start()) {
            JedisConnector connector = TestConfig.connector(redis.port());
            try {
                JedisConnectorTest.awaitState(connector, ConnectionState.CONNECTED);
                Inbox channel = new Inbox();
                try (Subscription a = connector.subscribe(Endpoints.stopDevices(), channel)) {
                    redis.stop();
                    JedisConnectorTest.awaitState(connector, ConnectionState.RECONNECTING);
                    java.util.concurrent.CompletableFuture<Void> write = java.util.concurrent.CompletableFuture.runAsync(
                            () -> connector.send(Endpoints.stopDevices(), new VariableMessage(null, 7L)));
                    org.junit.jupiter.api.Assertions.assertFalse(write.isDone(), "the write waits for Redis");
                    redis.restart();
                    write.get(10, java.util.concurrent.TimeUnit.SECONDS);
                    // written after the readers resubscribed: this connector's own subscriber gets it
                    assertEquals(7L, channel.next().as(VariableMessage.class).value());
                }
            } finally {
                connector.close();
            }
        }
    }

    @Test
    void commandsWhileRedisIsDownFailWithAClearError() throws Exception {
        try (PrivateRedis redis = PrivateRedis.start()) {
            JedisConnector connector = TestConfig.connector(redis.port());
            try {
                redis.stop();
                org.jbec.bus.api.BusUnavailableException e = org.junit.jupiter.api.Assertions.assertThrows(
                        org.jbec.bus.api.BusUnavailableException.class,
                        () -> connector.send(Endpoints.stopDevices(), new VariableMessage(null, null)));
                org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("unreachable during user/queue/stop_devices"),
                        e.getMessage());
                List.of(connector.check()).forEach(h -> org.junit.jupiter.api.Assertions.assertFalse(h.connected()));
            } finally {
                connector.close();
            }
        }
    }

    /**
     * A callback that writes while Redis restarts (the bundler's end-of-scan flush, say) runs on the
     * pub/sub reader, which reconnects only after the callback returns: its write must go through once
     * Redis answers, not wait until the outage limit (3 s here). It does: the reader's part of the
     * connection state stays up while it runs a callback (callbacks run on it only once it has
     * resubscribed), so the bus is connected again as soon as the other reader is.
     */
    @Test
    void aCallbackWritingOnTheReaderThreadGetsThroughARedisRestart() throws Exception {
        try (PrivateRedis redis = PrivateRedis.start()) {
            JedisConnector connector = TestConfig.connector(redis.port());
            try {
                JedisConnectorTest.awaitState(connector, ConnectionState.CONNECTED);
                java.util.concurrent.CountDownLatch inCallback = new java.util.concurrent.CountDownLatch(1);
                java.util.concurrent.CountDownLatch redisRestarted = new java.util.concurrent.CountDownLatch(1);
                java.util.concurrent.CompletableFuture<Long> written = new java.util.concurrent.CompletableFuture<>();
                try (Subscription s = connector.subscribe(Endpoints.stopDevices(), event -> {
                    inCallback.countDown();
                    try {
                        redisRestarted.await();
                        long start = System.nanoTime();
                        connector.set(Endpoints.scanNumber(), new VariableMessage(null, 42L), null);
                        written.complete((System.nanoTime() - start) / 1_000_000);
                    } catch (Throwable e) {
                        written.completeExceptionally(e);
                    }
                })) {
                    connector.send(Endpoints.stopDevices(), new VariableMessage(null, 1L));
                    org.junit.jupiter.api.Assertions.assertTrue(inCallback.await(10, java.util.concurrent.TimeUnit.SECONDS));
                    redis.stop();
                    // the stream reader notices: the bus is reconnecting while the pub/sub reader is in the callback
                    JedisConnectorTest.awaitState(connector, ConnectionState.RECONNECTING);
                    redis.restart();
                    redisRestarted.countDown();
                    long millis = written.get(10, java.util.concurrent.TimeUnit.SECONDS);
                    org.junit.jupiter.api.Assertions.assertTrue(millis < 2000, "the write took " + millis + " ms");
                    assertEquals(42L, connector.get(Endpoints.scanNumber()).orElseThrow().value());
                    JedisConnectorTest.awaitState(connector, ConnectionState.CONNECTED);
                }
            } finally {
                connector.close();
            }
        }
    }
}
