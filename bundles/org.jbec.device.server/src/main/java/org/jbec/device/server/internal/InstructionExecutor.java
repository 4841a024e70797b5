package org.jbec.device.server.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.DeviceInstructionMessage;
import org.jbec.bus.api.message.DeviceInstructionResponse;
import org.jbec.bus.api.message.DeviceRPCMessage;
import org.jbec.bus.api.message.DeviceStatusMessage;
import org.jbec.bus.api.message.ErrorInfo;
import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceException;
import org.jbec.device.api.DeviceStatus;
import org.jbec.device.api.Positioner;
import org.jbec.device.api.Signal;
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
    private final DevicePublisher publisher;
    private final InstructionWatch watch;
    private final RecentInstructions recent = new RecentInstructions();
    /** Reports a failed read (a WARNING alarm in the server). */
    private final java.util.function.BiConsumer<String, DeviceException> alarms;

    InstructionExecutor(Connector bus, Function<String, ManagedDevice> devices, DevicePublisher publisher,
            InstructionWatch watch, java.util.function.BiConsumer<String, DeviceException> alarms) {
        this.bus = bus;
        this.devices = devices;
        this.publisher = publisher;
        this.watch = watch;
        this.alarms = alarms;
    }

    /**
     * Runs an instruction on the calling thread.
     *
     * @param done lets the request's later instructions go: called when the devices are released
     */
    void execute(DeviceInstructionMessage instruction, Runnable done) {
        List<String> names = names(instruction.device());
        if (names.isEmpty()) {
            return; // BEC ignores instructions without devices, without any response
        }
        String id = String.valueOf(instruction.metadata().getOrDefault("device_instr_id", ""));
        var repeat = recent.begin(repeatKey(instruction, id));
        if (repeat.isPresent()) {
            // sent again after a Redis outage: answer again if done, else the answer is on its way
            repeat.get().ifPresent(answer -> {
                try {
                    bus.send(Endpoints.deviceInstructionsResponse(), answer);
                } catch (RuntimeException e) {
                    logger.warn("repeated answer to instruction {} not sent: {}", id, e.getMessage());
                }
            });
            return;
        }
        List<ManagedDevice> wanted = new ArrayList<>();
        for (String name : names) {
            ManagedDevice md = devices.apply(name.split("\\.")[0]);
            if (md == null) {
                respondError(instruction, id, name, "DeviceError", "There is no device with the name " + name + ".");
                return;
            }
            if (!md.config.enabled() && !instruction.action().equals("rpc")) {
                respondError(instruction, id, name, "DisabledDeviceError", "Device " + name + " is disabled.");
                return;
            }
            wanted.add(md);
        }
        List<ManagedDevice> targets = new ArrayList<>();
        while (true) {
            int refused = claimAll(wanted, targets);
            if (refused < 0) {
                break;
            }
            // nothing is held while waiting: a class leaving tears its devices down one by one, and
            // one of ours may be next in line
            ManagedDevice md = wanted.get(refused);
            if (!awaitClassReturn(md)) {
                respondError(instruction, id, names.get(refused), "DeviceNotConnectedError", "Device "
                        + names.get(refused) + " is not available: " + md.problem
                        + (md.classLeftNanos != 0 ? " (it did not return within " + CLASS_RETURN.toSeconds() + " s)" : ""));
                return;
            }
        }
        InstructionWatch.Run watched = watch.begin(new Answers(instruction, id, names), () -> {
            targets.forEach(ManagedDevice::release);
            done.run();
        });
        try {
            run(instruction, names, targets, id, watched);
        } catch (InstructionWatch.TakenOver answeredByTheWatch) {
            // the call overran its limit and the watch answered; this thread only now got out of it
        } finally {
            watched.end();
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

    /** Runs a validated instruction; its devices are claimed, so an update of their class waits for it. */
    private void run(DeviceInstructionMessage instruction, List<String> names, List<ManagedDevice> targets, String id,
            InstructionWatch.Run watched) {
        // what the instruction publishes goes out with its completed response, in one MULTI/EXEC,
        // without waiting for Redis's reply (a blocking round trip per instruction, two per scan point)
        org.jbec.bus.api.Connector.Batch out = bus.unacknowledgedBatch();
        try {
            Object result = switch (instruction.action()) {
                case "set" -> set(targets.get(0), names.get(0), instruction, out, watched);
                case "read" -> read(targets, instruction, out, watched);
                case "rpc" -> rpc(targets.get(0), instruction, watched);
                case "stage" -> lifecycle(targets, "stage", Device::stage, instruction, 1L, watched);
                case "unstage" -> lifecycle(targets, "unstage", Device::unstage, instruction, 0L, watched);
                case "trigger" -> lifecycle(targets, "trigger", Device::trigger, instruction, null, watched);
                case "pre_scan" -> lifecycle(targets, "pre_scan", Device::preScan, instruction, null, watched);
                case "complete" -> lifecycle(targets, "complete", Device::complete, instruction, null, watched);
                case "kickoff" -> lifecycle(targets, "kickoff", d -> d instanceof org.jbec.device.api.Flyer f
                        && instruction.parameter().get("configure") instanceof Map<?, ?> configure
                                ? f.kickoff(stringKeys(configure)) : d.kickoff(), instruction, null, watched);
                default -> throw new DeviceException("unknown device instruction action '" + instruction.action() + "'");
            };
            if (respondWith(out, watched, instruction, id, "completed", null, result)) {
                requestStatus(instruction, names.get(0), true);
            }
        } catch (DeviceException e) {
            // readings taken before the failure are still published, with the error
            if (respondWith(out, watched, instruction, id, "error", failure(e, names, instruction), null)) {
                requestStatus(instruction, names.get(0), false);
            }
        }
    }

    /** Of several devices, the one whose call failed ("samf: read failed: …"), not the first. */
    private static ErrorInfo failure(DeviceException e, List<String> names, DeviceInstructionMessage instruction) {
        String failed = names.stream().filter(n -> String.valueOf(e.getMessage()).startsWith(n + ":")).findFirst()
                .orElse(names.get(0));
        return errorInfo(e, failed, instruction.action());
    }

    /** How the watch answers for an instruction: its {@code running} response, or its error after an overrun. */
    private final class Answers implements InstructionWatch.Answers {
        private final DeviceInstructionMessage instruction;
        private final String id;
        private final List<String> names;

        Answers(DeviceInstructionMessage instruction, String id, List<String> names) {
            this.instruction = instruction;
            this.id = id;
            this.names = names;
        }

        @Override
        public void running(org.jbec.bus.api.BusWriter out) {
            try {
                out.send(Endpoints.deviceInstructionsResponse(), response(instruction, id, "running", null, null, null));
            } catch (RuntimeException e) {
                logger.warn("response running to instruction {} not sent: {}", id, e.getMessage());
            }
        }

        @Override
        public void overrun(DeviceException error, boolean withRunning) {
            ErrorInfo info = failure(error, names, instruction);
            if ("rpc".equals(instruction.action())) {
                rpcFailed(instruction, names.get(0), error);
            }
            DeviceInstructionResponse answer = response(instruction, id, "error", info, null, null);
            recent.finished(repeatKey(instruction, id), answer);
            try {
                org.jbec.bus.api.Connector.Batch out = bus.batch();
                if (withRunning) {
                    running(out);
                }
                out.send(Endpoints.deviceInstructionsResponse(), answer);
                out.execute();
            } catch (RuntimeException e) {
                logger.warn("response error to instruction {} not sent: {}", id, e.getMessage());
            }
            requestStatus(instruction, names.get(0), false);
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

    /**
     * For instructions whose metadata asks for {@code response: true} (umv, RPC status objects), BEC's
     * device server adds a DeviceReqStatusMessage to {@code info/devices/req_status/<RID>} when done.
     */
    private void requestStatus(DeviceInstructionMessage instruction, String device, boolean success) {
        Object rid = instruction.metadata().get("RID");
        if (!Boolean.TRUE.equals(instruction.metadata().get("response")) || rid == null) {
            return;
        }
        try {
            bus.xadd(Endpoints.deviceReqStatus(String.valueOf(rid)), new org.jbec.bus.api.message.DeviceReqStatusMessage(
                    new LinkedHashMap<>(instruction.metadata()), device, success, String.valueOf(rid)),
                    org.jbec.bus.api.Limits.expire(Duration.ofSeconds(3600)));
        } catch (RuntimeException e) {
            logger.warn("request status of {} not published: {}", rid, e.getMessage());
        }
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    static List<String> names(Object device) {
        if (device instanceof String s) {
            return s.isEmpty() ? List.of() : List.of(s);
        }
        if (device instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    private Object set(ManagedDevice md, String name, DeviceInstructionMessage instruction,
            org.jbec.bus.api.BusWriter out, InstructionWatch.Run guard) {
        if (md.config.readOnly()) {
            throw new DeviceException("Setting the device " + name + " is currently disabled.");
        }
        Object value = instruction.parameter().get("value");
        md.metadata = instruction.metadata();
        java.util.concurrent.atomic.AtomicReference<Object> resolved = new java.util.concurrent.atomic.AtomicReference<>();
        DeviceStatus status = guard.call(name, "set", CALL_LIMIT, () -> {
            Object target = resolve(md.device, name);
            resolved.set(target);
            if (target instanceof Positioner && value instanceof Number n && !Double.isFinite(n.doubleValue())) {
                // a positioner without limits would take NaN or ±inf as its new position
                throw new DeviceException(name + " cannot move to " + value + ": not a finite number");
            }
            if (target instanceof Positioner p && value instanceof Number n) {
                if (target == md.device) {
                    md.lastSetpoint = n.doubleValue();
                }
                return p.move(n.doubleValue());
            }
            if (target instanceof Signal s) {
                return s.put(value);
            }
            throw new DeviceException(name + " cannot be set: it is not a positioner (use " + name + ".<signal>)");
        });
        guard.awaiting(status);
        status.await(Duration.ofHours(24));
        // BEC re-reads what the set changed: the configuration for a config signal, else the device
        if (resolved.get() instanceof Signal s && s.kind() == org.jbec.device.api.Kind.CONFIG) {
            publisher.readConfiguration(md);
        } else {
            Map<String, Object> signals = guard.call(name, "read", CALL_LIMIT, () -> DevicePublisher.wire(md.device.read()));
            publisher.published(md, signals, instruction.metadata(), out);
        }
        return null;
    }

    /**
     * The device, sub-device or signal a dotted name addresses ({@code hexapod.z.zsub},
     * {@code samx.velocity}).
     */
    static Object resolve(Device root, String dottedName) {
        String[] parts = dottedName.split("\\.");
        Device device = root;
        for (int i = 1; i < parts.length; i++) {
            Device sub = device.subDevices().get(parts[i]);
            if (sub != null) {
                device = sub;
                continue;
            }
            String attribute = parts[i];
            if (i != parts.length - 1) {
                throw new DeviceException(dottedName + ": " + device.name() + " has no sub-device " + attribute);
            }
            return device.signals().stream().filter(s -> s.attributeName().equals(attribute)).findFirst()
                    .orElseThrow(() -> new DeviceException(dottedName + ": " + root.name() + " has no signal or sub-device "
                            + attribute));
        }
        return device;
    }

    private Object read(List<ManagedDevice> targets, DeviceInstructionMessage instruction,
            org.jbec.bus.api.BusWriter out, InstructionWatch.Run guard) {
        List<Object> result = new ArrayList<>();
        for (ManagedDevice md : targets) {
            Map<String, Object> signals = readWithPolicy(md, guard);
            publisher.published(md, signals, instruction.metadata(), out);
            result.add(signals);
        }
        return Boolean.TRUE.equals(instruction.parameter().get("return_result")) ? result : null;
    }

    /**
     * BEC's onFailure (bec-behaviour.md §1.8): a failed read raises a WARNING alarm, then
     * {@code retry} reads once more, {@code raise} fails the instruction, {@code buffer} publishes the
     * last reading stored for the device again.
     */
    private Map<String, Object> readWithPolicy(ManagedDevice md, InstructionWatch.Run guard) {
        try {
            return guard.call(md.name(), "read", CALL_LIMIT, () -> DevicePublisher.wire(md.device.read()));
        } catch (DeviceException first) {
            alarms.accept(md.name(), first);
            switch (md.config.onFailure()) {
                case "retry":
                    return guard.call(md.name(), "read (retry)", CALL_LIMIT, () -> DevicePublisher.wire(md.device.read()));
                case "buffer": {
                    var last = bus.get(Endpoints.deviceRead(md.name()));
                    if (last.isEmpty()) {
                        throw new DeviceException(md.name() + ": read failed and no earlier reading is buffered: "
                                + first.getMessage(), first);
                    }
                    return last.get().signals();
                }
                default:
                    throw first;
            }
        }
    }

    private Object lifecycle(List<ManagedDevice> targets, String action, Function<Device, DeviceStatus> call,
            DeviceInstructionMessage instruction, Long staged, InstructionWatch.Run guard) {
        List<DeviceStatus> statuses = new ArrayList<>();
        for (ManagedDevice md : targets) {
            md.metadata = instruction.metadata();
            statuses.add(guard.call(md.name(), action, CALL_LIMIT, () -> call.apply(md.device)));
        }
        DeviceStatus all = DeviceStatus.all(action, statuses);
        guard.awaiting(all);
        all.await(Duration.ofHours(24));
        if (staged != null) {
            targets.forEach(md -> bus.set(Endpoints.deviceStaged(md.name()),
                    new DeviceStatusMessage(null, md.name(), staged), null));
        }
        return null;
    }

    /** BEC's RPC: a USER_ACCESS method, or read/stop; the result goes to info/devices/rpc/<rpc_id>. */
    private Object rpc(ManagedDevice md, DeviceInstructionMessage instruction, InstructionWatch.Run guard) {
        Map<String, Object> p = instruction.parameter();
        String func = String.valueOf(p.getOrDefault("func", ""));
        String rpcId = String.valueOf(p.getOrDefault("rpc_id", UUID.randomUUID().toString()));
        List<?> args = p.get("args") instanceof List<?> l ? l : List.of();
        Object returned;
        try {
            returned = guard.call(md.name(), "rpc " + func, CALL_LIMIT, () -> invoke(md, func, args, instruction));
        } catch (DeviceException e) {
            rpcFailed(instruction, md.name(), e);
            throw e;
        }
        bus.set(Endpoints.deviceRpc(rpcId), new DeviceRPCMessage(null, md.name(), returned, "", true),
                Duration.ofSeconds(1800));
        return returned;
    }

    /** BEC's RPC answer of a failed call, where the caller waits for it. */
    private void rpcFailed(DeviceInstructionMessage instruction, String device, DeviceException e) {
        String rpcId = String.valueOf(instruction.parameter().getOrDefault("rpc_id", ""));
        if (!rpcId.isEmpty()) {
            bus.set(Endpoints.deviceRpc(rpcId), new DeviceRPCMessage(null, device, null, errorInfo(e, device, "rpc"),
                    false), Duration.ofSeconds(1800));
        }
    }

    private Object invoke(ManagedDevice md, String func, List<?> args, DeviceInstructionMessage instruction)
            throws ReflectiveOperationException {
        switch (func) {
            case "read":
                return publisher.read(md, instruction.metadata());
            case "read_configuration":
                return DevicePublisher.wire(md.device.readConfiguration());
            case "stop":
                md.device.stop();
                return null;
            default:
                break;
        }
        for (var m : DeviceInfo.userMethods(md.device)) {
            if (m.getName().equals(func) && m.getParameterCount() == args.size()) {
                return m.invoke(md.device, args.toArray());
            }
        }
        throw new DeviceException(md.name() + " has no method " + func + " that users may call");
    }

    static ErrorInfo errorInfo(Throwable e, String device, String action) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        String type = e.getClass().getSimpleName();
        String message = String.valueOf(e.getMessage());
        return new ErrorInfo(UUID.randomUUID().toString(), trace.toString(),
                "An error occurred during '" + action + "' on device '" + device + "'. " + type + ": " + message,
                type, device);
    }

    /**
     * A repeat is the same id for the same action on the same devices: clients that reuse an id for
     * different instructions still get each one run.
     */
    private static String repeatKey(DeviceInstructionMessage instruction, String id) {
        return id.isEmpty() ? "" : id + "\u0000" + instruction.action() + "\u0000" + instruction.device();
    }

    private void respondError(DeviceInstructionMessage instruction, String id, String device, String type,
            String message) {
        ErrorInfo info = new ErrorInfo(UUID.randomUUID().toString(), message, message, type, device);
        respond(instruction, id, "error", info, null, null);
    }

    /** The final response, with what the instruction published; false when the watch had answered already. */
    private boolean respondWith(org.jbec.bus.api.Connector.Batch out, InstructionWatch.Run watched,
            DeviceInstructionMessage instruction, String id, String status, ErrorInfo error, Object result) {
        DeviceInstructionResponse answer = response(instruction, id, status, error, null, result);
        try {
            return watched.finish(out, () -> {
                recent.finished(repeatKey(instruction, id), answer);
                out.send(Endpoints.deviceInstructionsResponse(), answer);
                out.execute();
            });
        } catch (RuntimeException e) {
            logger.warn("response {} to instruction {} not sent: {}", status, id, e.getMessage());
            return true;
        }
    }

    /**
     * The response shares the instruction's metadata map rather than copying it (two copies per
     * instruction were a sixth of the device server's CPU in a scan): nothing here changes an
     * instruction's metadata, and a response is encoded when sent.
     */
    private static DeviceInstructionResponse response(DeviceInstructionMessage instruction, String id, String status,
            ErrorInfo error, Boolean resultIsStatus, Object result) {
        return new DeviceInstructionResponse(instruction.metadata(), instruction.device(), status, error, instruction, id,
                resultIsStatus, result);
    }

    private void respond(DeviceInstructionMessage instruction, String id, String status, ErrorInfo error,
            Boolean resultIsStatus, Object result) {
        DeviceInstructionResponse answer = response(instruction, id, status, error, resultIsStatus, result);
        if (!"running".equals(status)) {
            recent.finished(repeatKey(instruction, id), answer);
        }
        try {
            bus.send(Endpoints.deviceInstructionsResponse(), answer);
        } catch (RuntimeException e) {
            logger.warn("response {} to instruction {} not sent: {}", status, id, e.getMessage());
        }
    }
}
