package org.jbec.device.server.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.jbec.bus.api.BusWriter;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.DeviceInstructionMessage;
import org.jbec.bus.api.message.DeviceRPCMessage;
import org.jbec.bus.api.message.DeviceStatusMessage;
import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceException;
import org.jbec.device.api.DeviceStatus;
import org.jbec.device.api.Positioner;
import org.jbec.device.api.Signal;

/**
 * What each device instruction action does to its claimed devices (bec-behaviour.md §2.1), every
 * device call under the instruction's watch; {@link InstructionExecutor} validates, claims and
 * answers around it.
 */
final class DeviceActions {

    private static final Duration CALL_LIMIT = InstructionExecutor.CALL_LIMIT;

    private final Connector bus;
    private final DevicePublisher publisher;
    private final InstructionExecutor.DeviceAlarms alarms;

    DeviceActions(Connector bus, DevicePublisher publisher, InstructionExecutor.DeviceAlarms alarms) {
        this.bus = bus;
        this.publisher = publisher;
        this.alarms = alarms;
    }

    /** Every action but set, which {@link #startSet} and {@link #finishSet} do in two steps. */
    Object act(DeviceInstructionMessage instruction, List<ManagedDevice> targets,
            BusWriter out, InstructionWatch.Run watched) {
        return switch (instruction.action()) {
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
    }

    /** A set whose move (or put) has been started: its status, and what the name resolved to. */
    record MoveInProgress(ManagedDevice md, String name, DeviceStatus status, Object target) {
    }

    /** Starts a set: the move or put, and {@code running} at once when it does not finish at once. */
    MoveInProgress startSet(ManagedDevice md, String name, DeviceInstructionMessage instruction,
            InstructionWatch.Run guard) {
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
        return new MoveInProgress(md, name, status, resolved.get());
    }

    /** Waits for the set's status, then re-reads what it changed, as BEC does. */
    Object finishSet(MoveInProgress move, DeviceInstructionMessage instruction, BusWriter out,
            InstructionWatch.Run guard) {
        move.status().await(Duration.ofHours(24));
        ManagedDevice md = move.md();
        // the configuration for a config signal, else the device
        if (move.target() instanceof Signal s && s.kind() == org.jbec.device.api.Kind.CONFIG) {
            publisher.readConfiguration(md);
        } else {
            Map<String, Object> signals = guard.call(move.name(), "read", CALL_LIMIT,
                    () -> DevicePublisher.wire(md.device.read()));
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
            BusWriter out, InstructionWatch.Run guard) {
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
            alarms.readFailed(md.name(), first);
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
    void rpcFailed(DeviceInstructionMessage instruction, String device, DeviceException e) {
        String rpcId = String.valueOf(instruction.parameter().getOrDefault("rpc_id", ""));
        if (!rpcId.isEmpty()) {
            bus.set(Endpoints.deviceRpc(rpcId), new DeviceRPCMessage(null, device, null, InstructionResponses.errorInfo(e, device, "rpc"),
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

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
