package org.jbec.bus.redis.internal;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jbec.bus.api.BusEvent;
import org.jbec.bus.api.CodecException;
import org.jbec.bus.api.MessageCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes received payloads and calls the callbacks, on one thread in arrival order (as BEC's
 * connector does), never on a Redis reader thread. A payload that cannot be decoded and a callback
 * that throws are logged and counted; delivery goes on.
 */
final class Dispatcher implements AutoCloseable {

    private final Logger logger = LoggerFactory.getLogger(Dispatcher.class);
    private final ExecutorService executor;
    private final MessageCodec codec;
    private final AtomicLong decodeErrors = new AtomicLong();
    private final AtomicLong callbackErrors = new AtomicLong();

    Dispatcher(MessageCodec codec, String name) {
        this.codec = codec;
        this.executor = Executors.newSingleThreadExecutor(named(name));
    }

    static ThreadFactory named(String name) {
        return runnable -> {
            Thread t = Executors.defaultThreadFactory().newThread(runnable);
            t.setName(name);
            t.setDaemon(true);
            return t;
        };
    }

    void deliver(String topic, String id, byte[] payload, List<Consumer<BusEvent>> callbacks) {
        if (callbacks == null || callbacks.isEmpty()) {
            return;
        }
        executor.execute(() -> {
            Object value;
            try {
                value = codec.decode(payload);
            } catch (CodecException e) {
                long n = decodeErrors.incrementAndGet();
                // the first ones in detail, then a reminder now and then: a flood must not flood the log
                if (n <= 10 || n % 1000 == 0) {
                    logger.warn("Undecodable payload #{} on {} ({} bytes) skipped: {}", n, topic, payload.length,
                            e.getMessage());
                }
                return;
            }
            BusEvent event = new BusEvent(topic, id, value);
            for (Consumer<BusEvent> callback : callbacks) {
                call(callback, event);
            }
        });
    }

    <T> void run(Consumer<T> callback, T value) {
        executor.execute(() -> call(callback, value));
    }

    private <T> void call(Consumer<T> callback, T value) {
        try {
            callback.accept(value);
        } catch (RuntimeException e) {
            callbackErrors.incrementAndGet();
            logger.error("Bus callback {} failed", callback, e);
        }
    }

    long decodeErrors() {
        return decodeErrors.get();
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
