package org.jbec.bus.api.message;

import java.util.Map;

/**
 * A 1-D monitor trace (legacy).
 * <p>
 * BEC's {@code DeviceMonitor1DMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record DeviceMonitor1DMessage(
        Map<String, Object> metadata,
        String device,
        Object data,
        @Default("now") Double timestamp) implements BecMessage {

    public DeviceMonitor1DMessage {
        metadata = Check.metadata(metadata);
        Check.required("DeviceMonitor1DMessage.device", device);
    }
}
