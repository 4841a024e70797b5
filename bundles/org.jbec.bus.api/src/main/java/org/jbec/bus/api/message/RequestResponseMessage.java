package org.jbec.bus.api.message;

import java.util.Map;

/**
 * Whether a request was accepted, and why not.
 * <p>
 * BEC's {@code RequestResponseMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record RequestResponseMessage(
        Map<String, Object> metadata,
        Boolean accepted,
        @Default("null") Object message) implements BecMessage {

    public RequestResponseMessage {
        metadata = Check.metadata(metadata);
        Check.required("RequestResponseMessage.accepted", accepted);
    }
}
