package org.jbec.device.server.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.jbec.bus.api.BusWriter;
import org.jbec.device.api.DeviceException;
import org.jbec.device.api.DeviceStatus;

/**
 * Device calls of instructions run on the instruction's own thread, each under a time limit kept by
 * this watch (openHAB's SafeCaller without a hand-off per call: a scan point makes five device
 * calls, and a thread switch for each cost more than the calls themselves).
 *
 * <p>A call that overruns its limit is not waited for: at the next {@link #tick()} the instruction is
 * taken over: its error response goes out (naming device and call), its devices and its place in
 * the request's order are released, and its thread is interrupted. Whatever that thread does when the
 * call returns at last is dropped ({@link Run#finish} refuses it).
 *
 * <p>BEC's {@code running} response always comes before the final one: with the final response when
 * the instruction ends quickly, at once when a device call hands back a status still in progress,
 * and from the tick for an instruction busy in one call for longer than {@link #RUNNING_AFTER}.
 */
final class InstructionWatch {

    static final Duration RUNNING_AFTER = Duration.ofMillis(2);

    /** What the watch needs from the executor to answer for an instruction. */
    interface Answers {
        /** Writes BEC's {@code running} response. */
        void running(BusWriter out);

        /**
         * The instruction's error response after a call overran its limit, {@code running} first when
         * {@code withRunning}.
         */
        void overrun(DeviceException error, boolean withRunning);
    }

    private final Set<Run> active = ConcurrentHashMap.newKeySet();
    private final BusWriter direct;
    private final Executor work;

    /**
     * @param direct the bus, for a {@code running} response sent on its own
     * @param work where an overrun is answered (never on the tick's thread: it talks to Redis)
     */
    InstructionWatch(BusWriter direct, Executor work) {
        this.direct = direct;
        this.work = work;
    }

    /**
     * Starts watching an instruction run on the calling thread; {@code release} runs exactly once.
     *
     * @param onBusThread the calling thread is the bus's: an overrun never interrupts it (its
     *        connection would not survive that), and the time its device calls take is kept
     */
    Run begin(Answers answers, Runnable release, boolean onBusThread) {
        Run run = new Run(Thread.currentThread(), answers, release, onBusThread);
        active.add(run);
        return run;
    }

    /** Instructions being watched (for tests). */
    int active() {
        return active.size();
    }

    /** Called every few milliseconds: late {@code running} responses, overrun calls taken over. */
    void tick() {
        long now = System.nanoTime();
        for (Run run : active) {
            run.check(now);
        }
    }

    /** Thrown on the instruction's thread when the watch answered for it: nothing more to do there. */
    static final class TakenOver extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TakenOver() {
            super(null, null, false, false);
        }
    }

    /** One instruction under watch. */
    final class Run {
        private Thread thread;
        private boolean onBusThread;
        /** The slowest device call made on the bus thread: its device and length. */
        private String slowestBusCall = "";
        private long slowestBusCallNanos;
        /** Ticks in a row that found the bus thread waiting in the current call; the first device seen so. */
        private int waitingTicks;
        private String waitedOnBusThread = "";
        private final Answers answers;
        private final Runnable release;
        private final long started = System.nanoTime();
        private boolean runningSent;
        private boolean runningQueued;
        private boolean finished;
        private boolean released;
        /** The call in progress: its deadline (0: none), device and name, for the overrun message. */
        private long callDeadline;
        private String callDevice;
        private String callWhat;
        private long callLimitMillis;

        private Run(Thread thread, Answers answers, Runnable release, boolean onBusThread) {
            this.thread = thread;
            this.onBusThread = onBusThread;
            this.answers = answers;
            this.release = release;
        }

        /** A device call with a time limit, on this thread. */
        <T> T call(String device, String what, Duration limit, Callable<T> action) {
            synchronized (this) {
                if (finished) {
                    throw new TakenOver();
                }
                callDeadline = System.nanoTime() + limit.toNanos();
                callDevice = device;
                callWhat = what;
                callLimitMillis = limit.toMillis();
                waitingTicks = 0;
            }
            long start = System.nanoTime();
            try {
                return action.call();
            } catch (DeviceException e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeviceException(device + ": interrupted during " + what, e);
            } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
                // plugin code: whatever it throws (even a class gone with its bundle) fails the call only
                throw new DeviceException(device + ": " + what + " failed: " + e, e);
            } finally {
                synchronized (this) {
                    long took = System.nanoTime() - start;
                    if (onBusThread && took > slowestBusCallNanos) {
                        slowestBusCallNanos = took;
                        slowestBusCall = device;
                    }
                    callDeadline = 0;
                    if (finished) {
                        Thread.interrupted(); // the interrupt was meant for the call, which is over
                        throw new TakenOver();
                    }
                }
            }
        }

        /** The instruction goes on on the calling thread, a device thread, from now on. */
        synchronized void moveTo(Thread deviceThread) {
            thread = deviceThread;
            onBusThread = false;
        }

        /** The device whose call took longest on the bus thread, or empty when none was made there. */
        synchronized String slowestBusCall() {
            return slowestBusCall;
        }

        synchronized long slowestBusCallNanos() {
            return slowestBusCallNanos;
        }

        /**
         * The device in whose call two ticks in a row found the bus thread waiting (parked, sleeping,
         * in {@code Object.wait}): it waits for something, whatever it promised; empty when none did.
         * Unlike a long call, this does not happen to a device that only computes while the machine
         * stalls (a GC pause, a slow phase of a virtual machine).
         */
        synchronized String waitedOnBusThread() {
            return waitedOnBusThread;
        }

        /** Before the thread waits for a status: {@code running} goes out now unless it is done already. */
        void awaiting(DeviceStatus status) {
            if (!status.isDone()) {
                synchronized (this) {
                    if (!finished && !runningSent) {
                        runningSent = true;
                        answers.running(direct);
                    }
                }
            }
        }

        /**
         * Writes the final response (after {@code running} if that is not out yet) unless the watch
         * answered already; then releases. False when the instruction had been taken over.
         */
        boolean finish(BusWriter batch, Runnable finalResponse) {
            synchronized (this) {
                if (finished) {
                    return false;
                }
                finished = true;
                if (!runningSent) {
                    runningSent = true;
                    answers.running(batch);
                }
                finalResponse.run();
            }
            return true;
        }

        /** The instruction's thread is done with it (normally or not): stop watching, release once. */
        void end() {
            active.remove(this);
            releaseOnce();
        }

        private void releaseOnce() {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            release.run();
        }

        private void check(long now) {
            DeviceException overrun = null;
            synchronized (this) {
                if (finished) {
                    return;
                }
                if (onBusThread && callDeadline != 0) {
                    Thread.State state = thread.getState();
                    if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
                        waitingTicks = 0;
                    } else if (++waitingTicks >= 2 && waitedOnBusThread.isEmpty()) {
                        waitedOnBusThread = callDevice;
                    }
                }
                if (callDeadline != 0 && now - callDeadline > 0) {
                    finished = true;
                    overrun = new DeviceException(callDevice + ": " + callWhat + " did not return within "
                            + callLimitMillis + " ms");
                    if (!onBusThread) {
                        thread.interrupt(); // the bus thread's own connection would not survive one
                    }
                } else if (!runningSent && !runningQueued && now - started > RUNNING_AFTER.toNanos()) {
                    runningQueued = true;
                    work.execute(this::sendRunning);
                }
            }
            if (overrun != null) {
                active.remove(this);
                DeviceException error = overrun;
                work.execute(() -> {
                    try {
                        synchronized (this) {
                            boolean withRunning = !runningSent;
                            runningSent = true;
                            answers.overrun(error, withRunning);
                        }
                    } finally {
                        releaseOnce();
                    }
                });
            }
        }

        /** A late {@code running}: sent under the lock, so a final response cannot overtake it. */
        private synchronized void sendRunning() {
            if (!runningSent) {
                runningSent = true;
                answers.running(direct);
            }
        }
    }
}
