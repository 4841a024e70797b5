package org.jbec.bus.api.message;

import java.util.Map;

/**
 * Processed data, e.g. the fitted curve of a continuous fit.
 * <p>
 * BEC's {@code ProcessedDataMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 *
 * @param data a dict, or a list of dicts
 */
public record ProcessedDataMessage(
        Map<String, Object> metadata,
        Object data) implements BecMessage {

    public ProcessedDataMessage {
        metadata = Check.metadata(metadata);
        Check.required("ProcessedDataMessage.data", data);
    }
}
