package org.jbec.bus.api.message;

import java.util.Map;

/**
 * A 2-D monitor image (legacy).
 * <p>
 * BEC's {@code DeviceMonitor2DMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record DeviceMonitor2DMessage(
        Map<String, Object> metadata,
        String device,
        Object data,
        @Default("now") Double timestamp) implements BecMessage {

    public DeviceMonitor2DMessage {
        metadata = Check.metadata(metadata);
        Check.required("DeviceMonitor2DMessage.device", device);
    }
}
