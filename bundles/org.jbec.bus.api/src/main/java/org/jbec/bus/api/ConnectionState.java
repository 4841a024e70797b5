package org.jbec.bus.api;

/** The connector's link to Redis, as data. */
public enum ConnectionState {
    /** Connected, every subscription and stream read in place. */
    CONNECTED,
    /** Lost; retrying with exponential backoff. Subscriptions are restored on reconnect. */
    RECONNECTING,
    /** Closed for good (the connector was deactivated). */
    CLOSED
}
