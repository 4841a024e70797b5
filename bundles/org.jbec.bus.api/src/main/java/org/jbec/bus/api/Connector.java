package org.jbec.bus.api;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.jbec.bus.api.message.BecMessage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * BEC's Redis connector (bec-protocol.md §1): typed operations on the endpoints of
 * {@link Endpoints}, subscriptions whose callbacks run one at a time in arrival order (on the
 * connector's reader or dispatcher thread: a callback must hand long work to its own executor, as it
 * holds up every other callback meanwhile), batches executed as one MULTI/EXEC, and a
 * connection that reconnects with exponential backoff and restores every subscription and stream
 * position. A payload that cannot be decoded is counted and logged; the subscription goes on.
 */
@ProviderType
public interface Connector extends BusWriter {

    /** GET a stored message (KEY_VALUE and SET_PUBLISH endpoints). */
    <M extends BecMessage> Optional<M> get(Endpoint<M> endpoint);

    /** KEYS matching the endpoint's key or pattern. */
    List<String> keys(Endpoint<?> pattern);

    /** LRANGE start..end (inclusive, negative from the end). */
    <M extends BecMessage> List<M> lrange(Endpoint<M> endpoint, long start, long end);

    /** LLEN. */
    long llen(Endpoint<?> endpoint);

    /** LREM: removes up to {@code count} elements equal to the message (0: all; negative: from the tail). */
    <M extends BecMessage> long lrem(Endpoint<M> endpoint, long count, M message);

    /** LTRIM start..end. */
    void ltrim(Endpoint<?> endpoint, long start, long end);

    /**
     * BLPOP (or BRPOP when {@code fromRight}) with a timeout: the popped message, or empty when none
     * came in time.
     */
    <M extends BecMessage> Optional<M> blockingListPop(Endpoint<M> endpoint, java.time.Duration timeout,
            boolean fromRight);

    /** SMEMBERS of a SET endpoint. */
    <M extends BecMessage> java.util.Set<M> setMembers(Endpoint<M> endpoint);

    /** SREM of one message from a SET endpoint. */
    <M extends BecMessage> void removeFromSet(Endpoint<M> endpoint, M message);

    /**
     * BEC's blocking_list_pop_to_set_add: pops from a list (waiting up to {@code timeout}) and adds
     * the same bytes to a set; returns the message moved, or empty.
     */
    <M extends BecMessage> Optional<M> blockingListPopToSetAdd(Endpoint<M> list, Endpoint<M> set,
            java.time.Duration timeout, boolean fromRight);

    /** The newest {@code count} entries of a stream, oldest first (BEC's get_last). */
    List<BusEvent> lastEntries(Endpoint<?> endpoint, int count);

    /** Every entry of a stream between two ids ({@code "-"} and {@code "+"} for all), oldest first. */
    List<BusEvent> xrange(Endpoint<?> endpoint, String from, String to);

    /**
     * SUBSCRIBE (or PSUBSCRIBE when the key is a pattern) to a pub/sub endpoint. While connected, it
     * returns once Redis has confirmed the subscription: what is published afterwards is received.
     */
    Subscription subscribe(Endpoint<?> endpoint, Consumer<BusEvent> callback);

    /** Reads a stream endpoint from {@code start} on, as new entries arrive. */
    Subscription subscribeStream(Endpoint<?> endpoint, StreamStart start, Consumer<BusEvent> callback);

    /** A batch of writes executed atomically (MULTI/EXEC) by {@link Batch#execute()}. */
    Batch batch();

    /**
     * A batch whose {@link Batch#execute()} returns once its writes are on their way to Redis,
     * without waiting for Redis's reply: for the high-rate traffic of scans (device instructions and
     * their responses), where waiting for each reply costs a blocking round trip. The writes of all
     * such batches of the connector go out on one connection, in the order their {@code execute}
     * calls return, each batch as one MULTI/EXEC. Redis's errors are not reported (the connector's
     * account may do what services send); a lost connection is, after the outage wait, as for
     * {@link #batch()}.
     *
     * @since 1.3
     */
    Batch unacknowledgedBatch();

    /** The link to Redis now. */
    ConnectionState state();

    /** Called on every state change, on the dispatcher thread. */
    Subscription onStateChange(Consumer<ConnectionState> listener);

    /** Payloads received that could not be decoded since the connector started. */
    long decodeErrors();

    /** Writes collected and executed in one MULTI/EXEC. */
    interface Batch extends BusWriter {
        /** Executes every collected write atomically. */
        void execute();
    }
}
