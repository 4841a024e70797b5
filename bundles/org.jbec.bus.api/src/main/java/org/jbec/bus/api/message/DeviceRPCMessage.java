package org.jbec.bus.api.message;

import java.util.Map;

/**
 * The result of a remote procedure call on a device.
 * <p>
 * BEC's {@code DeviceRPCMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record DeviceRPCMessage(
        Map<String, Object> metadata,
        String device,
        Object returnVal,
        Object out,
        @Default("true") Boolean success) implements BecMessage {

    public DeviceRPCMessage {
        metadata = Check.metadata(metadata);
        Check.required("DeviceRPCMessage.device", device);
    }
}
