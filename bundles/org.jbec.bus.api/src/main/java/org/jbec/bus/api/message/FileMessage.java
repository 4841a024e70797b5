package org.jbec.bus.api.message;

import java.util.Map;

/**
 * A file being or having been written.
 * <p>
 * BEC's {@code FileMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record FileMessage(
        Map<String, Object> metadata,
        String filePath,
        Boolean done,
        Boolean successful,
        @Default("false") Boolean isMasterFile,
        @Default("null") Object deviceName,
        @Default("\"h5\"") String fileType,
        @Default("null") Map<String, Object> hintedH5Entries) implements BecMessage {

    public FileMessage {
        metadata = Check.metadata(metadata);
        Check.required("FileMessage.file_path", filePath);
        Check.required("FileMessage.done", done);
        Check.required("FileMessage.successful", successful);
    }
}
