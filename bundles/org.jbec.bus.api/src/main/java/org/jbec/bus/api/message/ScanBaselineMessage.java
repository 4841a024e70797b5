package org.jbec.bus.api.message;

import java.util.Map;

/**
 * A scan's baseline readings.
 * <p>
 * BEC's {@code ScanBaselineMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record ScanBaselineMessage(
        Map<String, Object> metadata,
        String scanId,
        Map<String, Object> data) implements BecMessage {

    public ScanBaselineMessage {
        metadata = Check.metadata(metadata);
        Check.required("ScanBaselineMessage.scan_id", scanId);
        Check.required("ScanBaselineMessage.data", data);
    }
}
