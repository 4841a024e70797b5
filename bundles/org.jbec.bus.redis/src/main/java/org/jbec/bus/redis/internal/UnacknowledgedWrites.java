package org.jbec.bus.redis.internal;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The connector's writes that wait for no reply, on one {@link ReplylessConnection}, none lost to a
 * Redis restart: batches are kept until Redis confirmed it executed them ({@link #sync}, every
 * {@value #SYNC_EVERY} batches or {@value #SYNC_AFTER_MILLIS} ms, and from the connector's poller
 * when writing stops), and when the connection breaks, the kept ones are written again on the next
 * one, in order. A batch may thus arrive twice after an outage, never not at all.
 */
final class UnacknowledgedWrites {

    static final int SYNC_EVERY = 32;
    static final long SYNC_AFTER_MILLIS = 50;
    private static final long SYNC_AFTER_NANOS = SYNC_AFTER_MILLIS * 1_000_000;
    /** An outage long enough to queue more than this drops the oldest: it would only replay stale news. */
    static final int KEPT = 10_000;

    private final Logger logger = LoggerFactory.getLogger(UnacknowledgedWrites.class);
    private final RedisEndpoint redis;
    private final ArrayDeque<List<CommandArguments>> unconfirmed = new ArrayDeque<>();
    private ReplylessConnection connection;
    /** How many of the unconfirmed batches went out on the current connection. */
    private int written;
    private long lastSyncNanos = System.nanoTime();
    private boolean refused;

    UnacknowledgedWrites(RedisEndpoint redis) {
        this.redis = redis;
    }

    /**
     * Queues the batch and writes it (after any queued ones the current connection has not carried).
     *
     * @return false when Redis refuses reply-less connections: the batch was not taken, the caller
     *         writes it waiting for the reply
     * @throws JedisConnectionException when Redis is unreachable: the batch stays queued; {@link #push}
     *         writes it once Redis is back
     */
    synchronized boolean write(List<CommandArguments> commands) {
        if (refused) {
            return false;
        }
        unconfirmed.add(commands);
        if (unconfirmed.size() > KEPT) {
            unconfirmed.poll();
            written = Math.max(0, written - 1);
            logger.warn("Redis at {} away too long: an unacknowledged write queued since is dropped", redis);
        }
        try {
            push();
        } catch (JedisDataException refusal) {
            refused = true;
            unconfirmed.clear();
            logger.warn("Redis at {} refuses CLIENT REPLY OFF ({}): scan traffic waits for replies", redis,
                    refusal.getMessage());
            return false;
        }
        return true;
    }

    /** Writes what the current connection has not carried yet (a new connection: everything kept). */
    synchronized void push() {
        try {
            if (connection == null || connection.isBroken()) {
                disconnect();
                connection = new ReplylessConnection(redis.hostAndPort(), redis.clientConfig("jbec-unacknowledged"));
                written = 0;
            }
            Iterator<List<CommandArguments>> it = unconfirmed.iterator();
            for (int i = 0; i < written && it.hasNext(); i++) {
                it.next();
            }
            while (it.hasNext()) {
                connection.write(it.next());
                written++;
            }
            if (unconfirmed.size() >= SYNC_EVERY || System.nanoTime() - lastSyncNanos > SYNC_AFTER_NANOS) {
                sync();
            }
        } catch (JedisConnectionException e) {
            disconnect();
            throw e;
        }
    }

    /** Confirms what was written (one round trip) and forgets it. */
    private void sync() {
        if (connection != null && !unconfirmed.isEmpty()) {
            connection.sync();
            unconfirmed.clear();
            written = 0;
        }
        lastSyncNanos = System.nanoTime();
    }

    /**
     * From the connector's poller: what was written lately is confirmed even when writing stopped.
     *
     * @param busConnected whether the connector's subscriptions are back: kept batches are not
     *        written again before, or its own subscribers would miss them
     */
    synchronized void confirmQuietly(boolean busConnected) {
        if (!busConnected || unconfirmed.isEmpty() || refused
                || System.nanoTime() - lastSyncNanos < SYNC_AFTER_NANOS) {
            return;
        }
        try {
            if (connection == null || written < unconfirmed.size()) {
                push();
            }
            sync();
        } catch (JedisConnectionException e) {
            disconnect(); // the next write (or the next poll) writes the kept batches again
            logger.debug("unacknowledged writes not confirmed: {}", e.toString());
        }
    }

    /** Drops the connection (Redis restarted, or the connector closes); queued batches are kept. */
    synchronized void disconnect() {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                logger.debug("closing the reply-less connection: {}", e.toString());
            }
            connection = null;
        }
        written = 0;
    }

    /** Batches not yet confirmed (for tests). */
    synchronized int unconfirmed() {
        return unconfirmed.size();
    }
}
