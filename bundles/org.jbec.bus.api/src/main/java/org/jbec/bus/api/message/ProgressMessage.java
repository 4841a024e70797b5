package org.jbec.bus.api.message;

import java.util.Map;

/**
 * Progress of a scan, move or device.
 * <p>
 * BEC's {@code ProgressMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record ProgressMessage(
        Map<String, Object> metadata,
        Double value,
        Double maxValue,
        Boolean done) implements BecMessage {

    public ProgressMessage {
        metadata = Check.metadata(metadata);
        Check.required("ProgressMessage.value", value);
        Check.required("ProgressMessage.max_value", maxValue);
        Check.required("ProgressMessage.done", done);
    }
}
