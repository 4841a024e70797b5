package org.jbec.bus.api.message;

import java.util.Map;
import java.util.Set;

/**
 * An instruction for the device server.
 * <p>
 * BEC's {@code DeviceInstructionMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record DeviceInstructionMessage(
        Map<String, Object> metadata,
        Object device,
        String action,
        Map<String, Object> parameter) implements BecMessage {

    /** Allowed values of {@code action}. */
    public static final Set<String> ACTION_VALUES = Set.of("rpc", "set", "read", "kickoff", "complete", "trigger", "stage", "unstage", "pre_scan", "wait", "scan_report_instruction", "open_scan", "baseline_reading", "close_scan", "open_scan_def", "close_scan_def", "publish_data_as_read", "close_scan_group");

    public DeviceInstructionMessage {
        metadata = Check.metadata(metadata);
        Check.required("DeviceInstructionMessage.action", action);
        Check.literal("DeviceInstructionMessage.action", action, ACTION_VALUES);
        Check.required("DeviceInstructionMessage.parameter", parameter);
    }
}
