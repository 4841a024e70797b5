package org.jbec.bus.api.message;

import java.util.Map;

/**
 * A device's status number (moving, staged, ...).
 * <p>
 * BEC's {@code DeviceStatusMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record DeviceStatusMessage(
        Map<String, Object> metadata,
        String device,
        Long status) implements BecMessage {

    public DeviceStatusMessage {
        metadata = Check.metadata(metadata);
        Check.required("DeviceStatusMessage.device", device);
        Check.required("DeviceStatusMessage.status", status);
    }
}
