package org.jbec.bus.api.message;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scan's life-cycle state.
 * <p>
 * BEC's {@code ScanStatusMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record ScanStatusMessage(
        Map<String, Object> metadata,
        String scanId,
        String status,
        @Default("null") String reason,
        @Default("null") Long scanNumber,
        @Default("null") String sessionId,
        @Default("null") Long numPoints,
        @Default("0") Long numMonitoredReadouts,
        @Default("null") String scanName,
        @Default("null") String scanType,
        @Default("null") Long datasetNumber,
        @Default("null") List<Object> scanReportDevices,
        @Default("null") Map<String, Object> userMetadata,
        @Default("null") Map<String, Object> readoutPriority,
        @Default("{}") Map<String, Object> scanParameters,
        @Default("{}") Map<String, Object> requestInputs,
        Map<String, Object> info,
        @Default("now") Double timestamp) implements BecMessage {

    /** Allowed values of {@code status}. */
    public static final Set<String> STATUS_VALUES = Set.of("open", "paused", "aborted", "halted", "closed", "user_completed");

    /** Allowed values of {@code reason}. */
    public static final Set<String> REASON_VALUES = Set.of("user", "alarm");

    /** Allowed values of {@code scan_type}. */
    public static final Set<String> SCAN_TYPE_VALUES = Set.of("step", "fly", "software_triggered", "hardware_triggered");

    public ScanStatusMessage {
        metadata = Check.metadata(metadata);
        Check.required("ScanStatusMessage.status", status);
        Check.literal("ScanStatusMessage.status", status, STATUS_VALUES);
        Check.literal("ScanStatusMessage.reason", reason, REASON_VALUES);
        Check.literal("ScanStatusMessage.scan_type", scanType, SCAN_TYPE_VALUES);
        Check.required("ScanStatusMessage.info", info);
    }
}
