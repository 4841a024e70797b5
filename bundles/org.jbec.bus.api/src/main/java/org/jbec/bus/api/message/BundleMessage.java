package org.jbec.bus.api.message;

import java.util.List;
import java.util.Map;

/**
 * Several messages sent as one; decoding yields the list.
 * <p>
 * BEC's {@code BundleMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record BundleMessage(
        Map<String, Object> metadata,
        @Default("[]") List<Object> messages) implements BecMessage {

    public BundleMessage {
        metadata = Check.metadata(metadata);
    }
}
