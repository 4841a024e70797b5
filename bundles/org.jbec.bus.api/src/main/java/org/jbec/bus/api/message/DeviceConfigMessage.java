package org.jbec.bus.api.message;

import java.util.Map;
import java.util.Set;

/**
 * A device configuration change.
 * <p>
 * BEC's {@code DeviceConfigMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record DeviceConfigMessage(
        Map<String, Object> metadata,
        @Default("null") String action,
        @Default("null") Map<String, Object> config) implements BecMessage {

    /** Allowed values of {@code action}. */
    public static final Set<String> ACTION_VALUES = Set.of("add", "set", "update", "reload", "remove", "reset", "cancel");

    public DeviceConfigMessage {
        metadata = Check.metadata(metadata);
        Check.literal("DeviceConfigMessage.action", action, ACTION_VALUES);
        Check.configNeeded(action, config);
    }
}
