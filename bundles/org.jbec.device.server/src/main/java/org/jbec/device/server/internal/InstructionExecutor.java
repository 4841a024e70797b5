package org.jbec.device.server.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.DeviceInstructionMessage;
import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes device instructions as BEC's device server (bec-behaviour.md §2.1): validates the
 * devices, answers {@code running}, runs the action under the guard, answers {@code completed}
 * (with the result where BEC gives one) or {@code error} with an ErrorInfo.
 */
final class InstructionExecutor {

    static final Duration CALL_LIMIT = Duration.ofSeconds(10);

    private final Logger logger = LoggerFactory.getLogger(InstructionExecutor.class);
    private final Connector bus;
    private final Function<String, ManagedDevice> devices;
    private final InstructionWatch watch;
    private final InstructionResponses responses;
    private final DeviceAlarms alarms;
    private final DeviceActions actions;

    /**
     * A device call longer than this on the bus thread breaks its device's promise to return at once
     * ({@link Device#nonBlocking()}) even when it was never seen waiting (a device that reads a socket
     * itself); a scan point's calls of a simulated device take microseconds, but this machine's
     * stalls (GC pauses, slow phases of a virtual machine) reached tens of milliseconds: a budget of
     * 20 ms demoted the simulated motor of a benchmark within minutes.
     */
    static final Duration BUS_THREAD_BUDGET = Duration.ofMillis(250);

    /** What the executor reports to the operator (alarms in the server). */
    interface DeviceAlarms {
        /** A read failed (before its onFailure policy acts). */
        void readFailed(String device, DeviceException e);

        /** A device that promised to return at once held the bus thread too long. */
        void blockedTheBus(String device, String message);
    }

    InstructionExecutor(Connector bus, Function<String, ManagedDevice> devices, DevicePublisher publisher,
            InstructionWatch watch, DeviceAlarms alarms) {
        this.bus = bus;
        this.devices = devices;
        this.watch = watch;
        this.alarms = alarms;
        this.actions = new DeviceActions(bus, publisher, alarms);
        this.responses = new InstructionResponses(bus, actions);
    }

    /**
     * Whether an instruction may run on the thread that received it from the bus: a scan's read or
     * set whose devices all promised to return at once (and kept that promise so far).
     */
    boolean mayRunOnBusThread(DeviceInstructionMessage instruction) {
        String action = instruction.action();
        if (!"read".equals(action) && !"set".equals(action)) {
            return false;
        }
        List<String> names = names(instruction.device());
        for (String name : names) {
            ManagedDevice md = devices.apply(rootDevice(name));
            if (md == null || !md.mayRunOnBusThread()) {
                return false;
            }
        }
        return !names.isEmpty();
    }

    /**
     * Runs an instruction on the calling thread.
     *
     * @param done lets the request's later instructions go: called when the devices are released
     * @param offload null on a device thread; on the bus thread, where the instruction goes on when
     *        it would have to wait (a move still under way, a device whose class is being updated)
     * @return false when it went on on {@code offload}, which then calls {@code done}
     */
    boolean execute(DeviceInstructionMessage instruction, Runnable done, java.util.concurrent.Executor offload) {
        List<String> names = names(instruction.device());
        if (names.isEmpty()) {
            return true; // BEC ignores instructions without devices, without any response
        }
        String id = String.valueOf(instruction.metadata().getOrDefault("device_instr_id", ""));
        var repeat = responses.begin(instruction, id);
        if (repeat.isPresent()) {
            // sent again after a Redis outage: answer again if done, else the answer is on its way
            repeat.get().ifPresent(answer -> {
                try {
                    bus.send(Endpoints.deviceInstructionsResponse(), answer);
                } catch (RuntimeException e) {
                    logger.warn("repeated answer to instruction {} not sent: {}", id, e.getMessage());
                }
            });
            return true;
        }
        List<ManagedDevice> wanted = new ArrayList<>();
        for (String name : names) {
            ManagedDevice md = devices.apply(rootDevice(name));
            if (md == null) {
                responses.error(instruction, id, name, "DeviceError", "There is no device with the name " + name + ".");
                return true;
            }
            if (!md.config.enabled() && !instruction.action().equals("rpc")) {
                responses.error(instruction, id, name, "DisabledDeviceError", "Device " + name + " is disabled.");
                return true;
            }
            wanted.add(md);
        }
        return claimAndRun(instruction, id, names, wanted, done, offload);
    }

    private boolean claimAndRun(DeviceInstructionMessage instruction, String id, List<String> names,
            List<ManagedDevice> wanted, Runnable done, java.util.concurrent.Executor offload) {
        List<ManagedDevice> targets = new ArrayList<>();
        while (true) {
            int refused = claimAll(wanted, targets);
            if (refused < 0) {
                break;
            }
            if (offload != null) {
                // waiting for a class to come back is no work for the bus thread
                offload.execute(() -> {
                    try {
                        claimAndRun(instruction, id, names, wanted, done, null);
                    } finally {
                        done.run();
                    }
                });
                return false;
            }
            // nothing is held while waiting: a class leaving tears its devices down one by one, and
            // one of ours may be next in line
            ManagedDevice md = wanted.get(refused);
            if (!awaitClassReturn(md)) {
                responses.error(instruction, id, names.get(refused), "DeviceNotConnectedError", "Device "
                        + names.get(refused) + " is not available: " + md.problem
                        + (md.classLeftNanos != 0 ? " (it did not return within " + CLASS_RETURN.toSeconds() + " s)" : ""));
                return true;
            }
        }
        InstructionWatch.Run watched = watch.begin(responses.answers(instruction, id, names), () -> {
            targets.forEach(ManagedDevice::release);
            done.run();
        }, offload != null);
        boolean ended = true;
        try {
            ended = run(instruction, names, targets, id, watched, offload);
        } catch (InstructionWatch.TakenOver answeredByTheWatch) {
            // the call overran its limit and the watch answered; this thread only now got out of it
        } finally {
            if (offload != null) {
                checkBusThreadTime(watched, wanted);
            }
            if (ended) {
                watched.end();
            }
        }
        return ended;
    }

    /** A device that held the bus thread longer than its promise allows runs on device threads from now on. */
    private void checkBusThreadTime(InstructionWatch.Run watched, List<ManagedDevice> targets) {
        String device;
        String what;
        if (!watched.waitedOnBusThread().isEmpty()) {
            device = watched.waitedOnBusThread();
            what = "a call of it was found waiting (parked or sleeping) on the bus thread";
        } else if (watched.slowestBusCallNanos() > BUS_THREAD_BUDGET.toNanos()) {
            device = watched.slowestBusCall();
            what = "a call of it took " + java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(watched.slowestBusCallNanos())
                    + " ms on the bus thread";
        } else {
            return;
        }
        String root = rootDevice(device); // a set of samx.velocity is a call of samx
        for (ManagedDevice md : targets) {
            if (root.equals(md.name()) && !md.blockedTheBus) {
                md.blockedTheBus = true;
                alarms.blockedTheBus(md.name(), md.name() + " promised calls that return at once (nonBlocking), but "
                        + what + ", holding up every message of the service; its instructions run on device threads"
                        + " from now on");
            }
        }
    }

    /** Claims every device in order; on a refusal releases those claimed and returns its index, else -1. */
    private static int claimAll(List<ManagedDevice> wanted, List<ManagedDevice> claimed) {
        for (int i = 0; i < wanted.size(); i++) {
            if (!wanted.get(i).claim()) {
                claimed.forEach(ManagedDevice::release);
                claimed.clear();
                return i;
            }
            claimed.add(wanted.get(i));
        }
        return -1;
    }

    /**
     * Runs a validated instruction; its devices are claimed, so an update of their class waits for it.
     * On the bus thread, a set whose move is still under way goes on on {@code offload}.
     *
     * @return false when it went on on {@code offload}
     */
    private boolean run(DeviceInstructionMessage instruction, List<String> names, List<ManagedDevice> targets, String id,
            InstructionWatch.Run watched, java.util.concurrent.Executor offload) {
        // what the instruction publishes goes out with its completed response, in one MULTI/EXEC,
        // without waiting for Redis's reply (a blocking round trip per instruction, two per scan point)
        org.jbec.bus.api.Connector.Batch out = bus.unacknowledgedBatch();
        if (!"set".equals(instruction.action())) {
            answer(out, watched, instruction, names, id, () -> actions.act(instruction, targets, out, watched));
            return true;
        }
        DeviceActions.MoveInProgress move;
        try {
            move = actions.startSet(targets.get(0), names.get(0), instruction, watched);
        } catch (DeviceException e) {
            answer(out, watched, instruction, names, id, () -> {
                throw e;
            });
            return true;
        }
        if (offload != null && !move.status().isDone()) {
            offload.execute(() -> {
                watched.moveTo(Thread.currentThread());
                try {
                    answer(out, watched, instruction, names, id, () -> actions.finishSet(move, instruction, out, watched));
                } catch (InstructionWatch.TakenOver answeredByTheWatch) {
                    // as in claimAndRun
                } finally {
                    watched.end();
                }
            });
            return false;
        }
        answer(out, watched, instruction, names, id, () -> actions.finishSet(move, instruction, out, watched));
        return true;
    }

    /** Runs the action and gives the final response: completed with its result, or error. */
    private void answer(org.jbec.bus.api.Connector.Batch out, InstructionWatch.Run watched,
            DeviceInstructionMessage instruction, List<String> names, String id, java.util.function.Supplier<Object> action) {
        try {
            Object result = action.get();
            if (responses.finalResponse(out, watched, instruction, id, "completed", null, result)) {
                responses.requestStatus(instruction, names.get(0), true);
            }
        } catch (DeviceException e) {
            // readings taken before the failure are still published, with the error
            if (responses.finalResponse(out, watched, instruction, id, "error",
                    InstructionResponses.failure(e, names, instruction), null)) {
                responses.requestStatus(instruction, names.get(0), false);
            }
        }
    }

    /**
     * How long an instruction waits for a device whose class is being updated: measured updates take
     * well under a second; a class that stays away longer was stopped on purpose, and its instructions
     * fail after no more than one guarded call would have taken.
     */
    static final Duration CLASS_RETURN = CALL_LIMIT;

    /**
     * A device whose class just left (its bundle is being updated) is usually back within a second:
     * the instruction waits for it rather than failing the scan; a device that is down for another
     * reason (disconnected, never built) fails at once.
     */
    private static boolean awaitClassReturn(ManagedDevice md) {
        long left = md.classLeftNanos;
        if (left == 0 || !md.config.enabled()) {
            return false;
        }
        long deadline = left + CLASS_RETURN.toNanos();
        while ((!md.ready() || md.closing()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return md.ready() && !md.closing();
    }

    /** The device a dotted name belongs to: {@code samx} for {@code samx.velocity} or {@code samx}. */
    static String rootDevice(String dottedName) {
        int dot = dottedName.indexOf('.');
        return dot < 0 ? dottedName : dottedName.substring(0, dot);
    }

    static List<String> names(Object device) {
        if (device instanceof String s) {
            return s.isEmpty() ? List.of() : List.of(s);
        }
        if (device instanceof List<?> l) {
            // a loop, not a stream: this runs for every instruction, up to three times (each use may
            // run at another time, against devices rebuilt in between)
            List<String> names = new ArrayList<>(l.size());
            for (Object name : l) {
                names.add(String.valueOf(name));
            }
            return names;
        }
        return List.of();
    }
}
