package org.jbec.bus.redis.internal;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jbec.bus.api.BusEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The connector's pub/sub connection: one SUBSCRIBE connection for every channel and pattern,
 * read by its own thread, which only hands payloads to the {@link Dispatcher}. A private control
 * channel keeps the connection subscribed while nothing else is. When the connection breaks, it
 * reconnects with backoff and restores every channel and pattern; it reports itself up only once
 * Redis has confirmed all of them, so nothing published after that is missed.
 */
final class PubSubLoop implements Runnable {

    /** Up/down reports to the connector. */
    interface Listener {
        /** How many connection losses the bus has seen so far: read before connecting, given to {@link #up}. */
        long losses();

        /**
         * The reader's new connection works. {@code lossesAtConnect}: {@link #losses()} before it was
         * made; a loss since (another reader's) may have been Redis going away after it was made.
         */
        void up(long lossesAtConnect);

        void down(String reason);

        /** Redis answered the round trip asked for by {@code request} on the connection that is up. */
        void proven(long request);
    }

    private final Logger logger = LoggerFactory.getLogger(PubSubLoop.class);
    private final RedisEndpoint redis;
    private final Dispatcher dispatcher;
    private final Backoff backoff;
    private final Listener listener;
    // a channel every ACL profile may subscribe to (user/*), so a user's client connects too; nothing is
    // ever published on it
    private final byte[] control = ("user/jbec_connector/" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    private final Map<String, List<Consumer<BusEvent>>> channels = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<BusEvent>>> patterns = new ConcurrentHashMap<>();
    private final Object commandLock = new Object();
    private final Map<String, CompletableFuture<Void>> confirmations = new ConcurrentHashMap<>();
    /** Proof requests whose PING is on the wire, in the order Redis answers them. */
    private final java.util.Queue<Long> pings = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile Subscriber active;
    /** The thread reading the connection: callbacks may run on it, and it cannot wait for itself. */
    private volatile Thread readerThread;
    private volatile boolean closed;

    PubSubLoop(RedisEndpoint redis, Dispatcher dispatcher, Backoff backoff, Listener listener) {
        this.redis = redis;
        this.dispatcher = dispatcher;
        this.backoff = backoff;
        this.listener = listener;
    }

    @Override
    public void run() {
        while (!closed) {
            long lossesAtConnect = listener.losses();
            try (Jedis jedis = redis.newConnection()) {
                readerThread = Thread.currentThread();
                Subscriber subscriber = new Subscriber(lossesAtConnect);
                pings.clear();
                active = subscriber;
                jedis.subscribe(subscriber, control); // blocks until unsubscribed or broken
            } catch (JedisException | IllegalStateException e) {
                if (!closed) {
                    logger.debug("Pub/sub connection to {} lost", redis, e);
                }
            } finally {
                active = null;
            }
            if (!closed) {
                listener.down("pub/sub connection to " + redis + " lost");
                backoff.pause();
            }
        }
    }

    /**
     * Registers a callback. When connected, returns once Redis has confirmed a new channel or pattern
     * (at most the connection timeout), so that what is published after the call is received.
     */
    void add(String key, boolean pattern, Consumer<BusEvent> callback) {
        Map<String, List<Consumer<BusEvent>>> map = pattern ? patterns : channels;
        CompletableFuture<Void> confirmed = null;
        synchronized (commandLock) {
            List<Consumer<BusEvent>> list = map.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
            boolean first = list.isEmpty();
            list.add(callback);
            Subscriber s = active;
            if (first && s != null && s.isSubscribed()) {
                confirmed = new CompletableFuture<>();
                confirmations.put(confirmationKey(key, pattern), confirmed);
                s.add(key, pattern);
            }
        }
        // a callback running on the reader thread would wait for a confirmation only it can read
        if (confirmed != null && !isReaderThread()) {
            try {
                confirmed.get(redis.timeoutMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                logger.debug("Redis did not confirm the subscription to {} in time", key);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String confirmationKey(String key, boolean pattern) {
        return pattern ? "pattern:" + key : key;
    }

    void remove(String key, boolean pattern, Consumer<BusEvent> callback) {
        Map<String, List<Consumer<BusEvent>>> map = pattern ? patterns : channels;
        synchronized (commandLock) {
            List<Consumer<BusEvent>> list = map.get(key);
            if (list == null || !list.remove(callback) || !list.isEmpty()) {
                return;
            }
            map.remove(key);
            Subscriber s = active;
            if (s != null && s.isSubscribed()) {
                byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
                if (pattern) {
                    s.punsubscribe(bytes);
                } else {
                    s.unsubscribe(bytes);
                }
            }
        }
    }

    /**
     * Proves the connection: a PING on it, answered in order with what it receives; the answer
     * reports {@link Listener#proven}. On a dead connection the reader fails and reconnects instead.
     */
    void prove(long request) {
        synchronized (commandLock) {
            Subscriber s = active;
            if (s == null || !s.isSubscribed()) {
                return; // reconnecting: it reports up once it has resubscribed
            }
            pings.add(request);
            try {
                s.ping();
            } catch (JedisException e) {
                logger.debug("Pub/sub connection to {} failed its proof", redis, e);
            }
        }
    }

    boolean isReaderThread() {
        return Thread.currentThread() == readerThread;
    }

    void close() {
        closed = true;
        backoff.wake();
        Subscriber s = active;
        if (s != null && s.isSubscribed()) {
            synchronized (commandLock) {
                s.punsubscribe();
                s.unsubscribe();
            }
        }
    }

    private final class Subscriber extends BinaryJedisPubSub {
        /** Keys whose restoration Redis has not confirmed yet; up when empty. */
        private final Set<String> pending = ConcurrentHashMap.newKeySet();
        private final long lossesAtConnect;
        private volatile boolean restored;

        Subscriber(long lossesAtConnect) {
            this.lossesAtConnect = lossesAtConnect;
        }

        void add(String key, boolean pattern) {
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            if (pattern) {
                psubscribe(bytes);
            } else {
                subscribe(bytes);
            }
        }

        @Override
        public void onSubscribe(byte[] channel, int count) {
            if (java.util.Arrays.equals(channel, control)) {
                restoreAll();
            } else {
                confirmed(new String(channel, StandardCharsets.UTF_8));
            }
        }

        @Override
        public void onPSubscribe(byte[] pattern, int count) {
            confirmed("pattern:" + new String(pattern, StandardCharsets.UTF_8));
        }

        private void restoreAll() {
            synchronized (commandLock) {
                Set<String> keys = new HashSet<>();
                channels.keySet().forEach(keys::add);
                patterns.keySet().forEach(p -> keys.add("pattern:" + p));
                pending.addAll(keys);
                channels.keySet().forEach(k -> add(k, false));
                patterns.keySet().forEach(p -> add(p, true));
            }
            if (pending.isEmpty()) {
                markRestored();
            }
        }

        private void confirmed(String key) {
            CompletableFuture<Void> waiting = confirmations.remove(key);
            if (waiting != null) {
                waiting.complete(null);
            }
            if (pending.remove(key) && pending.isEmpty()) {
                markRestored();
            }
        }

        private void markRestored() {
            if (!restored) {
                restored = true;
                backoff.reset();
                listener.up(lossesAtConnect);
            }
        }

        @Override
        public void onPong(byte[] pattern) {
            Long request = pings.poll();
            if (request != null) {
                listener.proven(request);
            }
        }

        @Override
        public void onMessage(byte[] channel, byte[] message) {
            String topic = new String(channel, StandardCharsets.UTF_8);
            dispatcher.deliver(topic, "", message, channels.get(topic), restored);
        }

        @Override
        public void onPMessage(byte[] pattern, byte[] channel, byte[] message) {
            dispatcher.deliver(new String(channel, StandardCharsets.UTF_8), "", message,
                    patterns.get(new String(pattern, StandardCharsets.UTF_8)), restored);
        }
    }
}
