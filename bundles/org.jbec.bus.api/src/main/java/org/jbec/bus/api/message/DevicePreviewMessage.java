package org.jbec.bus.api.message;

import java.util.Map;

/**
 * A preview image or trace of a device signal.
 * <p>
 * BEC's {@code DevicePreviewMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record DevicePreviewMessage(
        Map<String, Object> metadata,
        String device,
        String signal,
        Object data,
        @Default("now") Double timestamp) implements BecMessage {

    public DevicePreviewMessage {
        metadata = Check.metadata(metadata);
        Check.required("DevicePreviewMessage.device", device);
        Check.required("DevicePreviewMessage.signal", signal);
    }
}
