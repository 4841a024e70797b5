package org.jbec.bus.api.message;

import java.util.Map;

/**
 * A list or map of available resources (scans, devices, ...).
 * <p>
 * BEC's {@code AvailableResourceMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record AvailableResourceMessage(
        Map<String, Object> metadata,
        Object resource) implements BecMessage {

    public AvailableResourceMessage {
        metadata = Check.metadata(metadata);
        Check.required("AvailableResourceMessage.resource", resource);
    }
}
