package org.jbec.bus.api.message;

import java.util.Map;
import java.util.Set;

/**
 * A request to a service.
 * <p>
 * BEC's {@code ServiceRequestMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record ServiceRequestMessage(
        Map<String, Object> metadata,
        String action) implements BecMessage {

    /** Allowed values of {@code action}. */
    public static final Set<String> ACTION_VALUES = Set.of("restart", "reload_scans");

    public ServiceRequestMessage {
        metadata = Check.metadata(metadata);
        Check.required("ServiceRequestMessage.action", action);
        Check.literal("ServiceRequestMessage.action", action, ACTION_VALUES);
    }
}
