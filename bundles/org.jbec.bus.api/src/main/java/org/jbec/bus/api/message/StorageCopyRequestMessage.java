package org.jbec.bus.api.message;

import java.util.Map;

/**
 * A request to copy a file to storage.
 * <p>
 * BEC's {@code StorageCopyRequestMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record StorageCopyRequestMessage(
        Map<String, Object> metadata,
        String sourceFile,
        String scope,
        @Default("null") String subdir) implements BecMessage {

    public StorageCopyRequestMessage {
        metadata = Check.metadata(metadata);
        Check.required("StorageCopyRequestMessage.source_file", sourceFile);
        Check.required("StorageCopyRequestMessage.scope", scope);
    }
}
