package org.jbec.bus.api.message;

import java.util.Map;

/**
 * A scan was restarted.
 * <p>
 * BEC's {@code ScanRestartMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record ScanRestartMessage(
        Map<String, Object> metadata,
        String originalScanId,
        ScanQueueMessage scanMsg) implements BecMessage {

    public ScanRestartMessage {
        metadata = Check.metadata(metadata);
        Check.required("ScanRestartMessage.original_scan_id", originalScanId);
        Check.required("ScanRestartMessage.scan_msg", scanMsg);
    }
}
