package org.jbec.bus.api;

/** A registered callback; closing it unsubscribes. */
public interface Subscription extends AutoCloseable {

    /** The endpoint key or pattern subscribed to. */
    String key();

    @Override
    void close();
}
