package org.jbec.bus.redis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jbec.bus.api.ConnectionState;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.DeviceMessage;
import org.jbec.test.support.PrivateRedis;
import org.junit.jupiter.api.Test;

import redis.clients.jedis.Jedis;

/**
 * Writes that wait for no reply (the scan traffic): they arrive in the order written, and a Redis
 * restart in the middle of a stream of them loses none (what the connection carried since Redis
 * last confirmed is written again).
 */
class UnacknowledgedBatchTest {

    private static DeviceMessage reading(int i) {
        return new DeviceMessage(null, Map.of("i", (double) i));
    }

    @Test
    void unacknowledgedWritesArriveInOrder() throws Exception {
        try (PrivateRedis redis = PrivateRedis.start()) {
            JedisConnector connector = TestConfig.connector(redis.port());
            try {
                JedisConnectorTest.awaitState(connector, ConnectionState.CONNECTED);
                List<Integer> seen = java.util.Collections.synchronizedList(new ArrayList<>());
                int n = 2_000;
                try (Subscription s = connector.subscribe(Endpoints.deviceRead("samx"),
                        e -> seen.add((int) Math.round((Double) ((DeviceMessage) e.value()).signals().get("i"))))) {
                    for (int i = 0; i < n; i++) {
                        Connector.Batch b = connector.unacknowledgedBatch();
                        b.setAndPublish(Endpoints.deviceRead("samx"), reading(i));
                        b.execute();
                    }
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (seen.size() < n && System.nanoTime() < deadline) {
                        TimeUnit.MILLISECONDS.sleep(10);
                    }
                }
                assertEquals(n, seen.size());
                for (int i = 0; i < n; i++) {
                    assertEquals(i, seen.get(i), "order at " + i);
                }
                // the stored value is the last one written
                assertEquals(reading(n - 1), connector.get(Endpoints.deviceRead("samx")).orElseThrow());
            } finally {
                connector.close();
            }
        }
    }

    @Test
    void noWriteIsLostToARedisRestart() throws Exception {
        try (PrivateRedis redis = PrivateRedis.startPersistent()) {
            JedisConnector connector = TestConfig.connector(redis.port());
            try {
                JedisConnectorTest.awaitState(connector, ConnectionState.CONNECTED);
                int n = 3_000;
                CompletableFuture<Integer> halfway = new CompletableFuture<>();
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < n; i++) {
                        Connector.Batch b = connector.unacknowledgedBatch();
                        b.setAndPublish(Endpoints.deviceRead("dev" + i), reading(i));
                        b.execute(); // stalls through the outage
                        if (i == n / 3) {
                            halfway.complete(i);
                        }
                    }
                });
                CompletableFuture.anyOf(halfway, writer).get(30, TimeUnit.SECONDS);
                writer.getNow(null); // a writer that failed early says why here
                redis.restartKeepingData(() -> { });
                writer.get(60, TimeUnit.SECONDS);
                try (Jedis raw = new Jedis("127.0.0.1", redis.port())) {
                    List<Integer> missing = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        if (!raw.exists("info/devices/read/dev" + i)) {
                            missing.add(i);
                        }
                    }
                    assertTrue(missing.isEmpty(), missing.size() + " writes lost, from " + missing.stream().limit(5).toList());
                }
            } finally {
                connector.close();
            }
        }
    }
}
