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
 * Decodes received payloads and calls the callbacks one at a time, in arrival order (as BEC's
 * connector does). A message that arrives while nothing is being dispatched is decoded and
 * delivered right on the thread that received it, when that thread allows it (the pub/sub reader
 * while the bus is connected): a hand-off to another thread per message cost more than most
 * callbacks, and a scan point brings about ten messages. Otherwise the message queues behind the
 * one in progress, or goes to the dispatcher thread. Callbacks therefore must not block for long,
 * as before: they hand long work to their own executors. A payload that cannot be decoded and a
 * callback that throws are logged and counted; delivery goes on.
 */
final class Dispatcher implements AutoCloseable {

    private final Logger logger = LoggerFactory.getLogger(Dispatcher.class);
    private final ExecutorService executor;
    private final MessageCodec codec;
    private final AtomicLong decodeErrors = new AtomicLong();
    private final AtomicLong callbackErrors = new AtomicLong();
    /** Tasks waiting or running; whoever raises it from 0 runs them until it is 0 again. */
    private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> tasks = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    Dispatcher(MessageCodec codec, String name) {
        this.codec = codec;
        this.executor = Executors.newSingleThreadExecutor(named(name));
    }

    /**
     * Runs the task after those submitted before it, never at the same time as another; on this
     * thread when nothing is in progress and {@code here} allows, else on the dispatcher thread.
     */
    private void submit(Runnable task, boolean here) {
        tasks.add(task);
        if (queued.getAndIncrement() == 0) {
            if (here && !closed) {
                drain();
            } else {
                try {
                    executor.execute(this::drain);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    tasks.clear(); // closed: nothing more is delivered
                    queued.set(0);
                }
            }
        }
    }

    /**
     * Runs queued tasks until none is left (each increment of the count had its task added first).
     * Nothing a callback throws may leave the loop: the count would stay up and no message would
     * ever be delivered again (a callback of a plugin bundle just uninstalled throws
     * NoClassDefFoundError, say).
     */
    private void drain() {
        do {
            Runnable task = tasks.poll();
            if (task != null) {
                try {
                    task.run();
                } catch (Throwable t) { // NOPMD: see above; logged, delivery goes on
                    callbackErrors.incrementAndGet();
                    logger.error("Bus callback failed", t);
                }
            }
        } while (queued.decrementAndGet() != 0);
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
        deliver(topic, id, payload, callbacks, false);
    }

    /** @param here whether the calling (receiving) thread may run the callbacks itself */
    void deliver(String topic, String id, byte[] payload, List<Consumer<BusEvent>> callbacks, boolean here) {
        if (callbacks == null || callbacks.isEmpty()) {
            return;
        }
        submit(() -> {
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
        }, here);
    }

    /** A state listener: always on the dispatcher thread (the reporting reader may be mid-reconnect). */
    <T> void run(Consumer<T> callback, T value) {
        submit(() -> call(callback, value), false);
    }

    private <T> void call(Consumer<T> callback, T value) {
        try {
            callback.accept(value);
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            // the other subscribers of the message still get it
            callbackErrors.incrementAndGet();
            logger.error("Bus callback {} failed", callback, e);
        }
    }

    long decodeErrors() {
        return decodeErrors.get();
    }

    @Override
    public void close() {
        closed = true;
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
