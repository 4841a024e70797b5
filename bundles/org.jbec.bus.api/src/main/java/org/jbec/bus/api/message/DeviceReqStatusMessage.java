package org.jbec.bus.api.message;

import java.util.Map;

/**
 * Whether a device request completed.
 * <p>
 * BEC's {@code DeviceReqStatusMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record DeviceReqStatusMessage(
        Map<String, Object> metadata,
        String device,
        Boolean success,
        String requestId) implements BecMessage {

    public DeviceReqStatusMessage {
        metadata = Check.metadata(metadata);
        Check.required("DeviceReqStatusMessage.device", device);
        Check.required("DeviceReqStatusMessage.success", success);
        Check.required("DeviceReqStatusMessage.request_id", requestId);
    }
}
