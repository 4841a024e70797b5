package org.jbec.bus.api.message;

import java.util.Map;
import java.util.Set;

/**
 * The device server's answer to an instruction.
 * <p>
 * BEC's {@code DeviceInstructionResponse} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record DeviceInstructionResponse(
        Map<String, Object> metadata,
        Object device,
        String status,
        @Default("null") ErrorInfo errorInfo,
        DeviceInstructionMessage instruction,
        String instructionId,
        @Default("null") Boolean resultIsStatus,
        @Default("null") Object result) implements BecMessage {

    /** Allowed values of {@code status}. */
    public static final Set<String> STATUS_VALUES = Set.of("completed", "running", "error");

    public DeviceInstructionResponse {
        metadata = Check.metadata(metadata);
        Check.required("DeviceInstructionResponse.status", status);
        Check.literal("DeviceInstructionResponse.status", status, STATUS_VALUES);
        Check.required("DeviceInstructionResponse.instruction", instruction);
        Check.required("DeviceInstructionResponse.instruction_id", instructionId);
        Check.errorNeedsInfo(status, errorInfo);
    }
}
