package org.jbec.bus.redis.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jbec.bench.CpuTime;
import org.jbec.bus.api.MessageCodec;
import org.jbec.bus.api.message.BecMessage;
import org.jbec.bus.api.message.DeviceInstructionMessage;
import org.jbec.bus.api.message.DeviceInstructionResponse;
import org.jbec.bus.api.message.DeviceMessage;
import org.jbec.bus.redis.internal.codec.MsgpackCodec;

import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/**
 * The reference for the scan figures: a line-scan point's Redis traffic and thread hand-offs with
 * nothing else. The same commands per point on the same connections (instructions and answers on
 * one reply-less connection, one pub/sub reader for instructions, answers and readings), the same
 * pre-encoded payloads, the same threads (scan worker, bus reader, and a device thread where the
 * device server uses one) handing over the same way, but no decoding, no device, no scan logic. What a point costs beyond this is jBEC's
 * own work; this much no implementation of the protocol with these threads avoids on this machine.
 */
public final class ProtocolFloor {

    /** Per point: wall time and CPU of this process and of Redis, in µs. */
    public record Figures(double microsPerPoint, double jvmCpuMicros, double redisCpuMicros) {
    }

    /** BEC's channel names under a prefix: the floor shares Redis with a running jBEC and must not reach it. */
    private static final String PREFIX = "floor/";
    private static final byte[] INSTRUCTIONS = bytes(PREFIX + "internal/devices/instructions");
    private static final byte[] RESPONSES = bytes(PREFIX + "internal/devices/instructions_response");
    private static final List<String> DEVICES = List.of("samx", "bpm4i", "bpm3a");

    private final HostAndPort redis;
    private final MessageCodec codec = new MsgpackCodec();

    public ProtocolFloor(int port) {
        this.redis = new HostAndPort("127.0.0.1", port);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] encoded(BecMessage message) {
        return codec.encode(message);
    }

    private static CommandArguments publish(byte[] channel, byte[] payload) {
        return new CommandArguments(Protocol.Command.PUBLISH).add(channel).add(payload);
    }

    private static CommandArguments set(byte[] key, byte[] payload) {
        return new CommandArguments(Protocol.Command.SET).add(key).add(payload);
    }

    /**
     * Runs {@code points} points after a warm-up of a fifth as many.
     *
     * @param deviceThread whether the reader hands each instruction to a device thread, as jBEC's
     *        device server does for devices whose calls may block; false answers on the reader
     *        itself, as it does for devices that promise to return at once (the simulated ones)
     */
    public Figures run(int points, boolean deviceThread) throws Exception {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("device_instr_id", "7d0c6a55-3f0e-4f55-a2a4-6c1f3f1b2e11");
        metadata.put("scan_id", "2c9f3e0a-6b1d-4c1e-9d7e-1f0b8a3c5d21");
        metadata.put("RID", "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b");
        metadata.put("point_id", 17L);
        DeviceInstructionMessage read = new DeviceInstructionMessage(metadata, DEVICES, "read", Map.of());
        DeviceInstructionMessage move = new DeviceInstructionMessage(metadata, "samx", "set", Map.of("value", 1.25));
        List<CommandArguments> readAnswer = new ArrayList<>();
        for (String device : DEVICES) {
            Map<String, Object> signals = new LinkedHashMap<>();
            signals.put(device, Map.of("value", 1.25, "timestamp", 1764420000.125));
            if (device.equals("samx")) {
                signals.put("samx_setpoint", Map.of("value", 1.25, "timestamp", 1764420000.125));
                signals.put("samx_motor_is_moving", Map.of("value", 0L, "timestamp", 1764420000.125));
            }
            byte[] reading = encoded(new DeviceMessage(metadata, signals));
            for (String key : List.of(PREFIX + "info/devices/read/" + device,
                    PREFIX + "info/devices/readback/" + device)) {
                readAnswer.add(set(bytes(key), reading));
                readAnswer.add(publish(bytes(key), reading));
            }
        }
        readAnswer.add(publish(RESPONSES, encoded(response(read, "running"))));
        readAnswer.add(publish(RESPONSES, encoded(response(read, "completed"))));
        List<CommandArguments> moveAnswer = List.of(publish(RESPONSES, encoded(response(move, "running"))),
                publish(RESPONSES, encoded(response(move, "completed"))));
        List<CommandArguments> sendReadAndMove = List.of(publish(INSTRUCTIONS, encoded(read)),
                publish(INSTRUCTIONS, encoded(move)));

        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder().timeoutMillis(2000).build();
        BlockingQueue<Boolean> deviceWork = new LinkedBlockingQueue<>();
        java.util.concurrent.atomic.AtomicReference<ReplylessConnection> writer = new java.util.concurrent.atomic.AtomicReference<>();
        AtomicLong writes = new AtomicLong();
        Semaphore moved = new Semaphore(0);
        AtomicLong responses = new AtomicLong();
        BinaryJedisPubSub reader = new BinaryJedisPubSub() {
            private boolean nextIsRead = true;

            @Override
            public void onMessage(byte[] channel, byte[] message) {
                if (channel.length == INSTRUCTIONS.length) {
                    if (deviceThread) {
                        deviceWork.add(nextIsRead);
                    } else {
                        send(writer.get(), nextIsRead ? readAnswer : moveAnswer, writes);
                    }
                    nextIsRead = !nextIsRead;
                } else if (responses.incrementAndGet() % 4 == 0) {
                    moved.release(); // the move's completed answer: the worker goes on
                }
            }

            @Override
            public void onPMessage(byte[] pattern, byte[] channel, byte[] message) {
                // a reading: the bundler's, nothing to do here
            }
        };
        Semaphore subscribed = new Semaphore(0);
        BinaryJedisPubSub subscription = new BinaryJedisPubSub() {
            @Override
            public void onSubscribe(byte[] channel, int count) {
                if (count == 1) {
                    psubscribe(bytes(PREFIX + "info/devices/read/*"));
                    subscribe(RESPONSES);
                } else if (count == 3) {
                    subscribed.release();
                }
            }

            @Override
            public void onPSubscribe(byte[] pattern, int count) {
                if (count == 3) {
                    subscribed.release();
                }
            }

            @Override
            public void onMessage(byte[] channel, byte[] message) {
                reader.onMessage(channel, message);
            }

            @Override
            public void onPMessage(byte[] pattern, byte[] channel, byte[] message) {
                reader.onPMessage(pattern, channel, message);
            }
        };
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        // one reply-less connection for the worker's instructions and the device thread's answers, as in jBEC
        try (Jedis subscriber = new Jedis(redis, config); ReplylessConnection out = new ReplylessConnection(redis, config)) {
            threads.execute(() -> {
                try {
                    subscriber.subscribe(subscription, INSTRUCTIONS);
                } catch (redis.clients.jedis.exceptions.JedisException e) {
                    // closed at the end
                }
            });
            writer.set(out);
            subscribed.acquire();
            threads.execute(() -> {
                try {
                    while (true) {
                        boolean isRead = deviceWork.take();
                        send(out, isRead ? readAnswer : moveAnswer, writes);
                    }
                } catch (InterruptedException e) {
                    // the run is over
                }
            });
            runPoints(points / 5, out, sendReadAndMove, moved, writes);
            long cpu = CpuTime.jvmNanos();
            double redisCpu = CpuTime.redisSeconds(redis.getPort());
            long start = System.nanoTime();
            runPoints(points, out, sendReadAndMove, moved, writes);
            double wall = (System.nanoTime() - start) / 1e3 / points;
            double jvm = (CpuTime.jvmNanos() - cpu) / 1e3 / points;
            Figures figures = new Figures(wall, jvm, (CpuTime.redisSeconds(redis.getPort()) - redisCpu) * 1e6 / points);
            subscription.unsubscribe();
            subscription.punsubscribe();
            return figures;
        } finally {
            threads.shutdownNow();
        }
    }

    /** A batch on the shared connection (confirmed every 32 writes, as jBEC's reply-less writes are). */
    private static void send(ReplylessConnection out, List<CommandArguments> commands, AtomicLong writes) {
        synchronized (out) {
            out.write(commands);
            if (writes.incrementAndGet() % 32 == 0) {
                out.sync();
            }
        }
    }

    private static void runPoints(int points, ReplylessConnection out, List<CommandArguments> sendReadAndMove,
            Semaphore moved, AtomicLong writes) throws InterruptedException {
        for (int i = 0; i < points; i++) {
            // the scan worker: the point's read and the next move (one write, as ScanRun sends a read
            // held for the next instruction), then wait for the move
            send(out, sendReadAndMove, writes);
            if (!moved.tryAcquire(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("protocol floor: point " + i + " not answered");
            }
        }
    }

    private static DeviceInstructionResponse response(DeviceInstructionMessage instruction, String status) {
        return new DeviceInstructionResponse(instruction.metadata(), instruction.device(), status, null, instruction,
                String.valueOf(instruction.metadata().get("device_instr_id")), null, null);
    }


    /** One line for the bench output. */
    public static String describe(Figures f) {
        return String.format(Locale.ROOT, "%.0f µs/point (JVM CPU %.0f µs, Redis CPU %.0f µs)", f.microsPerPoint(),
                f.jvmCpuMicros(), f.redisCpuMicros());
    }
}
