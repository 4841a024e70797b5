package org.jbec.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.Histogram;
import org.jbec.bus.api.ConnectionState;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.MessageCodec;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.DeviceMessage;
import org.jbec.bus.redis.internal.JedisConnector;
import org.jbec.bus.redis.internal.codec.MsgpackCodec;

import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.Jedis;

/**
 * Publish → callback latency (one message in flight at a time) and throughput (messages back to
 * back) of the connector, and of plain Jedis publishing the same pre-encoded bytes to a plain
 * subscriber on the same Redis, in the same run.
 */
final class BusRoundTrip {

    /** Figures of one side. */
    record Figures(String name, double p50Micros, double p99Micros, double messagesPerSecond) {
    }

    private final int port;
    private final DeviceMessage message = CodecBenchmark.samxReading();
    private final MessageCodec codec = new MsgpackCodec();

    BusRoundTrip(int port) {
        this.port = port;
    }

    /** Plain Jedis: PUBLISH of pre-encoded bytes, a BinaryJedisPubSub that only notes the time. */
    Figures rawJedis(int warmup, int rounds, int burst) throws Exception {
        return rawJedis(warmup, rounds, burst, false);
    }

    /**
     * Plain Jedis as above; with {@code transaction}, MULTI SET PUBLISH EXEC of the same bytes: what
     * BEC's set_and_publish sends, so the fair reference for the connector's setAndPublish.
     */
    Figures rawJedis(int warmup, int rounds, int burst, boolean transaction) throws Exception {
        byte[] channel = "bench/raw".getBytes(StandardCharsets.UTF_8);
        byte[] payload = codec.encode(message);
        LinkedBlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
        AtomicInteger received = new AtomicInteger();
        BinaryJedisPubSub subscriber = new BinaryJedisPubSub() {
            @Override
            public void onMessage(byte[] c, byte[] m) {
                received.incrementAndGet();
                arrivals.add(System.nanoTime());
            }
        };
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try (Jedis sub = new Jedis("127.0.0.1", port); Jedis pub = new Jedis("127.0.0.1", port)) {
            reader.execute(() -> {
                try {
                    sub.subscribe(subscriber, channel);
                } catch (redis.clients.jedis.exceptions.JedisConnectionException e) {
                    // the subscriber connection closes at the end of the measurement
                }
            });
            while (pub.pubsubNumSub(new String(channel, StandardCharsets.UTF_8)).values().stream()
                    .mapToLong(Long::longValue).sum() == 0) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            Runnable publish = transaction ? () -> {
                redis.clients.jedis.Transaction t = pub.multi();
                t.set(channel, payload);
                t.publish(channel, payload);
                t.exec();
            } : () -> pub.publish(channel, payload);
            Histogram h = latency(warmup, rounds, publish, arrivals);
            double rate = throughput(burst, publish, received);
            subscriber.unsubscribe();
            return new Figures(transaction ? "raw Jedis MULTI SET+PUBLISH" : "raw Jedis PUBLISH",
                    h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, rate);
        } finally {
            reader.shutdownNow();
        }
    }

    /** The connector: send() encodes and publishes; the callback runs on the dispatcher after decoding. */
    Figures connector(JedisConnector connector, int warmup, int rounds, int burst) throws Exception {
        while (connector.state() != ConnectionState.CONNECTED) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        var endpoint = Endpoints.deviceReadback("bench");
        LinkedBlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
        AtomicInteger received = new AtomicInteger();
        try (Subscription s = connector.subscribe(endpoint, event -> {
            received.incrementAndGet();
            arrivals.add(System.nanoTime());
        })) {
            Histogram h = latency(warmup, rounds, () -> connector.setAndPublish(endpoint, message), arrivals);
            double rate = throughput(burst, () -> connector.setAndPublish(endpoint, message), received);
            return new Figures("connector setAndPublish", h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, rate);
        }
    }

    /** Same for the connector's plain PUBLISH path (send). */
    Figures connectorSend(JedisConnector connector, int warmup, int rounds, int burst) throws Exception {
        var endpoint = Endpoints.deviceInstructions();
        var instruction = new org.jbec.bus.api.message.DeviceInstructionMessage(null, "samx", "set",
                java.util.Map.of("set", 0.5));
        LinkedBlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
        AtomicInteger received = new AtomicInteger();
        try (Subscription s = connector.subscribe(endpoint, event -> {
            received.incrementAndGet();
            arrivals.add(System.nanoTime());
        })) {
            Histogram h = latency(warmup, rounds, () -> connector.send(endpoint, instruction), arrivals);
            double rate = throughput(burst, () -> connector.send(endpoint, instruction), received);
            return new Figures("connector send", h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, rate);
        }
    }

    private static Histogram latency(int warmup, int rounds, Runnable publish, LinkedBlockingQueue<Long> arrivals)
            throws InterruptedException {
        Histogram h = new Histogram(3);
        for (int i = 0; i < warmup + rounds; i++) {
            long start = System.nanoTime();
            publish.run();
            Long arrived = arrivals.poll(5, TimeUnit.SECONDS);
            if (arrived == null) {
                throw new IllegalStateException("message " + i + " did not arrive");
            }
            if (i >= warmup) {
                h.recordValue(Math.max(1, arrived - start));
            }
        }
        return h;
    }

    private static double throughput(int burst, Runnable publish, AtomicInteger received) throws InterruptedException {
        int before = received.get();
        long start = System.nanoTime();
        for (int i = 0; i < burst; i++) {
            publish.run();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (received.get() - before < burst && System.nanoTime() < deadline) {
            TimeUnit.MICROSECONDS.sleep(200);
        }
        return (received.get() - before) / ((System.nanoTime() - start) / 1e9);
    }

}
