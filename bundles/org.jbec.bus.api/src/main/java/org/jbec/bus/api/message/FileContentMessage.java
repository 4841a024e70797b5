package org.jbec.bus.api.message;

import java.util.Map;

/**
 * What a file holds.
 * <p>
 * BEC's {@code FileContentMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record FileContentMessage(
        Map<String, Object> metadata,
        String filePath,
        Map<String, Object> data,
        Map<String, Object> scanInfo) implements BecMessage {

    public FileContentMessage {
        metadata = Check.metadata(metadata);
        Check.required("FileContentMessage.file_path", filePath);
        Check.required("FileContentMessage.data", data);
        Check.required("FileContentMessage.scan_info", scanInfo);
    }
}
