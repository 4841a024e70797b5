package org.jbec.bus.api.message;

import java.util.Map;
import java.util.Set;

/**
 * A finished scan in the history.
 * <p>
 * BEC's {@code ScanHistoryMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record ScanHistoryMessage(
        Map<String, Object> metadata,
        String scanId,
        Long scanNumber,
        Long datasetNumber,
        String filePath,
        String exitStatus,
        @Default("null") String reason,
        Double startTime,
        Double endTime,
        String scanName,
        @Default("null") Long numPoints,
        @Default("null") Long numMonitoredReadouts,
        @Default("null") Map<String, Object> requestInputs,
        @Default("null") Map<String, Map<String, StoredDataInfo>> storedDataInfo) implements BecMessage {

    /** Allowed values of {@code exit_status}. */
    public static final Set<String> EXIT_STATUS_VALUES = Set.of("closed", "aborted", "halted", "user_completed");

    /** Allowed values of {@code reason}. */
    public static final Set<String> REASON_VALUES = Set.of("user", "alarm");

    public ScanHistoryMessage {
        metadata = Check.metadata(metadata);
        Check.required("ScanHistoryMessage.scan_id", scanId);
        Check.required("ScanHistoryMessage.scan_number", scanNumber);
        Check.required("ScanHistoryMessage.dataset_number", datasetNumber);
        Check.required("ScanHistoryMessage.file_path", filePath);
        Check.required("ScanHistoryMessage.exit_status", exitStatus);
        Check.literal("ScanHistoryMessage.exit_status", exitStatus, EXIT_STATUS_VALUES);
        Check.literal("ScanHistoryMessage.reason", reason, REASON_VALUES);
        Check.required("ScanHistoryMessage.start_time", startTime);
        Check.required("ScanHistoryMessage.end_time", endTime);
        Check.required("ScanHistoryMessage.scan_name", scanName);
    }
}
