package org.jbec.device.server.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.DeviceInstructionMessage;
import org.jbec.bus.api.message.DeviceInstructionResponse;
import org.jbec.bus.api.message.ErrorInfo;
import org.jbec.device.api.DeviceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the device server answers for instructions (bec-behaviour.md §2.1): {@code running}, then
 * {@code completed} or {@code error} with an ErrorInfo naming device and action, the request status
 * for instructions that ask for one, and the same answer again for an instruction sent twice (after a
 * Redis outage).
 */
final class InstructionResponses {

    private final Logger logger = LoggerFactory.getLogger(InstructionResponses.class);
    private final Connector bus;
    private final DeviceActions actions;
    private final RecentInstructions recent = new RecentInstructions();

    InstructionResponses(Connector bus, DeviceActions actions) {
        this.bus = bus;
        this.actions = actions;
    }

    /** Empty for a new instruction; for one seen before, its answer once it has one. */
    Optional<Optional<DeviceInstructionResponse>> begin(DeviceInstructionMessage instruction, String id) {
        return recent.begin(repeatKey(instruction, id));
    }

    /** The watch's view of an instruction's answers. */
    InstructionWatch.Answers answers(DeviceInstructionMessage instruction, String id, List<String> names) {
        return new Answers(instruction, id, names);
    }

    /** Of several devices, the one whose call failed ("samf: read failed: …"), not the first. */
    static ErrorInfo failure(DeviceException e, List<String> names, DeviceInstructionMessage instruction) {
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
                actions.rpcFailed(instruction, names.get(0), error);
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
     * For instructions whose metadata asks for {@code response: true} (umv, RPC status objects), BEC's
     * device server adds a DeviceReqStatusMessage to {@code info/devices/req_status/<RID>} when done.
     */
    void requestStatus(DeviceInstructionMessage instruction, String device, boolean success) {
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
    static String repeatKey(DeviceInstructionMessage instruction, String id) {
        return id.isEmpty() ? "" : id + "\u0000" + instruction.action() + "\u0000" + instruction.device();
    }

    /** An error response for an instruction that never ran (no such device, disabled, not available). */
    void error(DeviceInstructionMessage instruction, String id, String device, String type, String message) {
        ErrorInfo info = new ErrorInfo(UUID.randomUUID().toString(), message, message, type, device);
        DeviceInstructionResponse answer = response(instruction, id, "error", info, null, null);
        recent.finished(repeatKey(instruction, id), answer);
        try {
            bus.send(Endpoints.deviceInstructionsResponse(), answer);
        } catch (RuntimeException e) {
            logger.warn("response error to instruction {} not sent: {}", id, e.getMessage());
        }
    }

    /** The final response, with what the instruction published; false when the watch had answered already. */
    boolean finalResponse(org.jbec.bus.api.Connector.Batch out, InstructionWatch.Run watched,
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
}
