package org.jbec.bus.redis.internal;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jbec.bus.api.BusEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XReadParams;

/**
 * The connector's stream reader, as BEC's: one thread, one connection, {@code XREAD BLOCK 200} over
 * every subscribed stream, each subscription advancing its own last id. After a reconnect it goes
 * on from the last id it delivered; a stream that was reset (its newest id now lies before that
 * one) is read again from its start.
 */
final class StreamReader implements Runnable {

    /** A stream subscription and the id of the last entry it was given. */
    static final class StreamSub {
        final String key;
        final Consumer<BusEvent> callback;
        volatile String lastId;

        StreamSub(String key, Consumer<BusEvent> callback, String lastId) {
            this.key = key;
            this.callback = callback;
            this.lastId = lastId;
        }
    }

    private final Logger logger = LoggerFactory.getLogger(StreamReader.class);
    private final RedisEndpoint redis;
    private final Dispatcher dispatcher;
    private final Backoff backoff;
    private final PubSubLoop.Listener listener;
    private final List<StreamSub> subs = new CopyOnWriteArrayList<>();
    private final Object wakeup = new Object();
    private volatile boolean closed;
    /** The newest proof request and the newest one answered (see {@link #prove}). */
    private volatile long proofAsked;
    private long proofGiven;

    StreamReader(RedisEndpoint redis, Dispatcher dispatcher, Backoff backoff, PubSubLoop.Listener listener) {
        this.redis = redis;
        this.dispatcher = dispatcher;
        this.backoff = backoff;
        this.listener = listener;
    }

    void add(StreamSub sub) {
        subs.add(sub);
        synchronized (wakeup) {
            wakeup.notifyAll();
        }
    }

    void remove(StreamSub sub) {
        subs.remove(sub);
    }

    @Override
    public void run() {
        while (!closed) {
            long lossesAtConnect = listener.losses();
            try (Jedis jedis = redis.newConnection()) {
                reconcile(jedis);
                backoff.reset();
                proofGiven = proofAsked; // a new connection is its own proof
                listener.up(lossesAtConnect);
                while (!closed) {
                    readOnce(jedis);
                    proveIfAsked(jedis);
                }
            } catch (JedisException | IllegalStateException e) {
                if (!closed) {
                    logger.debug("Stream connection to {} lost", redis, e);
                }
            }
            if (!closed) {
                listener.down("stream connection to " + redis + " lost");
                backoff.pause();
            }
        }
    }

    /**
     * Asks for a proof of this reader's connection: after its current read (at most its block time),
     * a PING; its answer reports {@link PubSubLoop.Listener#proven}.
     */
    void prove(long request) {
        proofAsked = request;
        synchronized (wakeup) {
            wakeup.notifyAll();
        }
    }

    private void proveIfAsked(Jedis jedis) {
        long asked = proofAsked;
        if (asked != proofGiven) {
            jedis.ping(); // begun after the request: it proves the connection as it is now
            proofGiven = asked;
            listener.proven(asked);
        }
    }

    /** After (re)connecting: a subscription ahead of its stream's newest entry starts the stream over. */
    private void reconcile(Jedis jedis) {
        for (StreamSub sub : subs) {
            if (sub.lastId.equals("0-0")) {
                continue;
            }
            List<RawStreams.Entry> newest = RawStreams.entries(
                    jedis.xrevrange(Writes.key(sub.key), "+".getBytes(StandardCharsets.US_ASCII),
                            "-".getBytes(StandardCharsets.US_ASCII), 1));
            if (newest.isEmpty() || RawStreams.compare(newest.get(0).id(), sub.lastId) < 0) {
                logger.info("Stream {} was reset while disconnected; reading it from its start", sub.key);
                sub.lastId = "0-0";
            }
        }
    }

    private void readOnce(Jedis jedis) {
        if (subs.isEmpty()) {
            synchronized (wakeup) {
                try {
                    if (proofAsked == proofGiven) {
                        wakeup.wait(200);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closed = true;
                }
            }
            // keep the connection honest while idle, so a lost Redis is noticed
            jedis.ping();
            return;
        }
        // one XREAD position per stream: the oldest last id of its subscriptions
        Map<String, String> positions = new LinkedHashMap<>();
        for (StreamSub sub : subs) {
            positions.merge(sub.key, sub.lastId, (a, b) -> RawStreams.compare(a, b) <= 0 ? a : b);
        }
        @SuppressWarnings("unchecked")
        Map.Entry<byte[], byte[]>[] streams = positions.entrySet().stream()
                .map(e -> new AbstractMap.SimpleEntry<>(Writes.key(e.getKey()),
                        e.getValue().getBytes(StandardCharsets.US_ASCII)))
                .toArray(Map.Entry[]::new);
        List<Object> reply = jedis.xread(XReadParams.xReadParams().block(200), streams);
        if (reply == null) {
            return;
        }
        for (Object perStream : reply) {
            if (perStream instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof byte[] keyBytes) {
                deliver(new String(keyBytes, StandardCharsets.UTF_8), RawStreams.entries(pair.get(1)));
            }
        }
    }

    private void deliver(String key, List<RawStreams.Entry> entries) {
        for (StreamSub sub : subs) {
            if (sub.key.equals(key)) {
                deliverTo(sub, entries);
            }
        }
    }

    /** Gives a subscription the entries newer than its last id, advancing it. */
    void deliverTo(StreamSub sub, List<RawStreams.Entry> entries) {
        for (RawStreams.Entry entry : entries) {
            if (RawStreams.compare(entry.id(), sub.lastId) > 0) {
                sub.lastId = entry.id();
                if (entry.data() != null) {
                    dispatcher.deliver(sub.key, entry.id(), entry.data(), List.of(sub.callback));
                }
            }
        }
    }

    void close() {
        closed = true;
        backoff.wake();
        synchronized (wakeup) {
            wakeup.notifyAll();
        }
    }
}
