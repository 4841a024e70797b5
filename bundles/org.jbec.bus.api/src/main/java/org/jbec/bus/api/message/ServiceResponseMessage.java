package org.jbec.bus.api.message;

import java.util.Map;

/**
 * A service's acknowledgement.
 * <p>
 * BEC's {@code ServiceResponseMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record ServiceResponseMessage(
        Map<String, Object> metadata,
        Map<String, Object> response) implements BecMessage {

    public ServiceResponseMessage {
        metadata = Check.metadata(metadata);
        Check.required("ServiceResponseMessage.response", response);
    }
}
