package org.jbec.bus.api.message;

import java.util.Map;

/**
 * A device's description, for building proxies.
 * <p>
 * BEC's {@code DeviceInfoMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record DeviceInfoMessage(
        Map<String, Object> metadata,
        String device,
        Map<String, Object> info) implements BecMessage {

    public DeviceInfoMessage {
        metadata = Check.metadata(metadata);
        Check.required("DeviceInfoMessage.device", device);
        Check.required("DeviceInfoMessage.info", info);
    }
}
