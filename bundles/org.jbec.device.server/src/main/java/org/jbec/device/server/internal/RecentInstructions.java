package org.jbec.device.server.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jbec.bus.api.message.DeviceInstructionResponse;

/**
 * The instruction ids seen lately, with their final response once there is one. A scan server sends
 * an instruction again when Redis went away while it waited (its answer may be lost); the device
 * server then repeats the answer instead of moving or triggering a second time.
 */
final class RecentInstructions {

    /** Far more than are in flight at once; a few megabytes at most. */
    private static final int KEPT = 10_000;
    private static final DeviceInstructionResponse IN_FLIGHT = null;

    private final Map<String, Optional<DeviceInstructionResponse>> seen = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<DeviceInstructionResponse>> eldest) {
            return size() > KEPT;
        }
    };

    /**
     * Records an id; empty when it is new (the caller runs it), else the answer so far: an empty optional
     * inside while it is still running.
     */
    synchronized Optional<Optional<DeviceInstructionResponse>> begin(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Optional<DeviceInstructionResponse> known = seen.get(id);
        if (known != null) {
            return Optional.of(known);
        }
        seen.put(id, Optional.ofNullable(IN_FLIGHT));
        return Optional.empty();
    }

    /** The final answer of an instruction, kept for a repeat. */
    synchronized void finished(String id, DeviceInstructionResponse response) {
        if (id != null && !id.isEmpty() && seen.containsKey(id)) {
            seen.put(id, Optional.of(response));
        }
    }
}
