package org.jbec.bus.api.message;

import java.util.Map;

/**
 * The readings of one scan point.
 * <p>
 * BEC's {@code ScanMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record ScanMessage(
        Map<String, Object> metadata,
        Long pointId,
        String scanId,
        Map<String, Object> data) implements BecMessage {

    public ScanMessage {
        metadata = Check.metadata(metadata);
        Check.required("ScanMessage.point_id", pointId);
        Check.required("ScanMessage.scan_id", scanId);
        Check.required("ScanMessage.data", data);
    }
}
