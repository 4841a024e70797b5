package org.jbec.epics.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One PV. Connection loss is state, not an error: {@link #connected()} turns false, listeners hear
 * of it, and the channel reconnects by itself when the IOC is back (monitors included). Operations on
 * a disconnected channel fail with an {@link EpicsException} naming the PV.
 */
@ProviderType
public interface PvChannel {

    String pv();

    boolean connected();

    /** Waits up to {@code timeout} for the channel to connect; false if it did not. */
    boolean awaitConnected(Duration timeout);

    /** Called with every connection change (true: connected), and at once with the current state. */
    AutoCloseable onConnection(Consumer<Boolean> listener);

    /** The current value (a Double, String, or double[] for arrays) with its IOC timestamp. */
    PvValue get(Duration timeout);

    /** Writes and completes when the IOC's put-callback reports the write done (a motor arrived). */
    CompletableFuture<Void> put(Object value);

    /** Called with every new value from the IOC (a CA monitor), kept across reconnections. */
    AutoCloseable monitor(Consumer<PvValue> listener);

    /** The engineering units the IOC reports, or "" (read once connected). */
    String units();
}
