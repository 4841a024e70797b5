package org.jbec.bus.api.message;

import java.util.Map;

/**
 * Readings of a device's signals: {signal: {value, timestamp}}.
 * <p>
 * BEC's {@code DeviceMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record DeviceMessage(
        Map<String, Object> metadata,
        Map<String, Object> signals) implements BecMessage {

    public DeviceMessage {
        metadata = Check.metadata(metadata);
        Check.required("DeviceMessage.signals", signals);
    }
}
