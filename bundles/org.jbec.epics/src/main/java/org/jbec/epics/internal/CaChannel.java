package org.jbec.epics.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.jbec.epics.api.EpicsException;
import org.jbec.epics.api.PvChannel;
import org.jbec.epics.api.PvValue;

import gov.aps.jca.CAException;
import gov.aps.jca.Channel;
import gov.aps.jca.Context;
import gov.aps.jca.Monitor;
import gov.aps.jca.dbr.CTRL;
import gov.aps.jca.dbr.DBR;
import gov.aps.jca.dbr.DBRType;
import gov.aps.jca.event.ConnectionEvent;

/**
 * One PV over CAJ. The CA channel is created once and reconnects by itself; connection state is kept
 * here and told to listeners; monitors are created on the first connection and CAJ restores them on
 * every reconnection. Gets and puts on a disconnected channel fail at once, naming the PV.
 */
final class CaChannel implements PvChannel {

    private final String pv;
    private final Context context;
    private final Channel channel;
    private final List<Consumer<Boolean>> connectionListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<PvValue>> valueListeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile boolean connected;
    private Monitor monitor;
    private volatile String units;

    CaChannel(Context context, String pv) throws CAException {
        this.pv = pv;
        this.context = context;
        this.channel = context.createChannel(pv, this::connectionChanged);
        context.flushIO();
    }

    private void connectionChanged(ConnectionEvent event) {
        boolean now = event.isConnected();
        synchronized (lock) {
            connected = now;
            lock.notifyAll();
            if (now && monitor == null && !valueListeners.isEmpty()) {
                startMonitor();
            }
        }
        connectionListeners.forEach(l -> l.accept(now));
    }

    @Override
    public String pv() {
        return pv;
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public boolean awaitConnected(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!connected) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public AutoCloseable onConnection(Consumer<Boolean> listener) {
        connectionListeners.add(listener);
        listener.accept(connected);
        return () -> connectionListeners.remove(listener);
    }

    private void requireConnected() {
        if (!connected) {
            throw new EpicsException(pv + " is not connected (is its IOC running?)");
        }
    }

    private DBRType timeType() {
        DBRType field = channel.getFieldType();
        return field.isSTRING() ? DBRType.TIME_STRING : field.isENUM() ? DBRType.TIME_ENUM : DBRType.TIME_DOUBLE;
    }

    @Override
    public PvValue get(Duration timeout) {
        if (!awaitConnected(timeout)) {
            requireConnected();
        }
        CompletableFuture<PvValue> result = new CompletableFuture<>();
        try {
            channel.get(timeType(), channel.getElementCount(), event -> {
                if (event.getStatus().isSuccessful()) {
                    result.complete(Dbrs.value(event.getDBR()));
                } else {
                    result.completeExceptionally(new EpicsException(pv + ": get failed: " + event.getStatus()));
                }
            });
            context.flushIO();
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (CAException | IllegalStateException e) {
            throw new EpicsException(pv + ": get failed: " + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new EpicsException(pv + ": no answer to get within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof EpicsException x ? x : new EpicsException(pv + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EpicsException(pv + ": interrupted during get");
        }
    }

    @Override
    public CompletableFuture<Void> put(Object value) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            requireConnected();
            gov.aps.jca.event.PutListener listener = event -> {
                if (event.getStatus().isSuccessful()) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(new EpicsException(pv + ": put of " + value + " failed: "
                            + event.getStatus()));
                }
            };
            if (value instanceof Number n) {
                channel.put(n.doubleValue(), listener);
            } else if (value instanceof double[] array) {
                channel.put(array, listener);
            } else {
                channel.put(String.valueOf(value), listener);
            }
            context.flushIO();
        } catch (CAException | IllegalStateException | EpicsException e) {
            done.completeExceptionally(e instanceof EpicsException x ? x
                    : new EpicsException(pv + ": put of " + value + " failed: " + e.getMessage(), e));
        }
        return done;
    }

    @Override
    public AutoCloseable monitor(Consumer<PvValue> listener) {
        valueListeners.add(listener);
        synchronized (lock) {
            if (connected && monitor == null) {
                startMonitor();
            }
        }
        return () -> valueListeners.remove(listener);
    }

    /** Caller holds the lock and the channel is connected. */
    private void startMonitor() {
        try {
            monitor = channel.addMonitor(timeType(), channel.getElementCount(), Monitor.VALUE | Monitor.ALARM, event -> {
                if (event.getStatus().isSuccessful()) {
                    PvValue v = Dbrs.value(event.getDBR());
                    valueListeners.forEach(l -> l.accept(v));
                }
            });
            context.flushIO();
        } catch (CAException | IllegalStateException e) {
            monitor = null; // tried again on the next connection
        }
    }

    @Override
    public String units() {
        String u = units;
        if (u == null && connected && !channel.getFieldType().isSTRING()) {
            try {
                CompletableFuture<String> result = new CompletableFuture<>();
                channel.get(DBRType.CTRL_DOUBLE, 1, event -> {
                    DBR dbr = event.getDBR();
                    result.complete(dbr instanceof CTRL c ? c.getUnits() : "");
                });
                context.flushIO();
                u = result.get(2, TimeUnit.SECONDS);
                units = u;
            } catch (CAException | IllegalStateException | ExecutionException | TimeoutException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }
        return u == null ? "" : u;
    }

    void destroy() {
        try {
            channel.destroy();
        } catch (CAException | IllegalStateException e) {
            // the context is going away anyway
        }
    }
}
