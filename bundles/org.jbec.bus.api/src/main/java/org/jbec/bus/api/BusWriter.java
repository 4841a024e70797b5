package org.jbec.bus.api;

import java.time.Duration;

import org.jbec.bus.api.message.BecMessage;

/**
 * The write operations of the bus, for the connector itself and for batches. Every call checks the
 * endpoint's operation class and message class ({@link Endpoint#check}).
 */
public interface BusWriter {

    /** SET (with EX when given) and PUBLISH the same bytes, atomically. */
    <M extends BecMessage> void setAndPublish(Endpoint<M> endpoint, M message, Duration expire);

    default <M extends BecMessage> void setAndPublish(Endpoint<M> endpoint, M message) {
        setAndPublish(endpoint, message, null);
    }

    /** PUBLISH only. */
    <M extends BecMessage> void send(Endpoint<M> endpoint, M message);

    /** SET a key (KEY_VALUE endpoints), with EX when given; a SET without EX clears an earlier TTL. */
    <M extends BecMessage> void set(Endpoint<M> endpoint, M message, Duration expire);

    /** XADD an entry {@code {data: message}} with the given limits. */
    <M extends BecMessage> void xadd(Endpoint<M> endpoint, M message, Limits limits);

    /** LPUSH, trimming to {@code limits.maxLength()} newest (LTRIM 0 n-1), with EXPIRE when given. */
    <M extends BecMessage> void lpush(Endpoint<M> endpoint, M message, Limits limits);

    /** RPUSH, trimming to the newest {@code limits.maxLength()} (LTRIM -n -1), with EXPIRE when given. */
    <M extends BecMessage> void rpush(Endpoint<M> endpoint, M message, Limits limits);

    /** DEL the key. */
    void delete(Endpoint<?> endpoint);
}
