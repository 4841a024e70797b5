package org.jbec.device.server.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jbec.bus.api.BusWriter;

/**
 * BEC's {@code running} response, always before the final one: an instruction that ends within
 * {@link #DELAY_MICROS} sends it in the same MULTI/EXEC as its final response (one Redis round trip
 * saved per instruction, most of a scan's); a longer one gets it from the timer. One lock orders the
 * two paths, so {@code running} never arrives after {@code completed}.
 */
final class RunningNotice {

    static final long DELAY_MICROS = 2_000;

    interface Writer {
        void write(BusWriter out);
    }

    private final Writer running;
    private final ScheduledFuture<?> timer;
    private boolean sent;

    RunningNotice(ScheduledExecutorService timers, Writer running, BusWriter direct) {
        this.running = running;
        this.timer = timers.schedule(() -> sendNow(direct), DELAY_MICROS, TimeUnit.MICROSECONDS);
    }

    private synchronized void sendNow(BusWriter direct) {
        if (!sent) {
            sent = true;
            running.write(direct);
        }
    }

    /** Runs the final response; {@code running} goes first in the same batch unless the timer sent it. */
    synchronized void beforeFinal(BusWriter batch, Runnable finalResponse) {
        timer.cancel(false);
        if (!sent) {
            sent = true;
            running.write(batch);
        }
        finalResponse.run();
    }
}
