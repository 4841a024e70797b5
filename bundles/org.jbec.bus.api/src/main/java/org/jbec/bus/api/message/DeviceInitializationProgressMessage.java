package org.jbec.bus.api.message;

import java.util.Map;

/**
 * Progress of loading a device session.
 * <p>
 * BEC's {@code DeviceInitializationProgressMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record DeviceInitializationProgressMessage(
        Map<String, Object> metadata,
        String device,
        Boolean finished,
        Boolean success,
        Long index,
        Long total) implements BecMessage {

    public DeviceInitializationProgressMessage {
        metadata = Check.metadata(metadata);
        Check.required("DeviceInitializationProgressMessage.device", device);
        Check.required("DeviceInitializationProgressMessage.finished", finished);
        Check.required("DeviceInitializationProgressMessage.success", success);
        Check.required("DeviceInitializationProgressMessage.index", index);
        Check.required("DeviceInitializationProgressMessage.total", total);
    }
}
