package org.jbec.bus.api.message;

import java.util.Map;

/**
 * A data-processing result.
 * <p>
 * BEC's {@code DAPResponseMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record DAPResponseMessage(
        Map<String, Object> metadata,
        Boolean success,
        @Default("[{}, null]") Object data,
        @Default("null") String error,
        @Default("null") BecMessage dapRequest) implements BecMessage {

    public DAPResponseMessage {
        metadata = Check.metadata(metadata);
        Check.required("DAPResponseMessage.success", success);
    }
}
