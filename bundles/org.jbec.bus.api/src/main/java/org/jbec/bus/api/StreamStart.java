package org.jbec.bus.api;

/** Where a stream subscription starts reading (BEC's register_stream options). */
public enum StreamStart {
    /** Only entries added after subscribing (BEC's default). */
    NEW,
    /** Every entry still in the stream, then new ones ({@code from_start=True}). */
    FROM_START,
    /** Only the newest entry, polled every 100 ms ({@code newest_only=True}); skipped entries are not delivered. */
    NEWEST_ONLY
}
