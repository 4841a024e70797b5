package org.jbec.bus.api.message;

import java.util.Map;

/**
 * Where asynchronous signal data stands.
 * <p>
 * BEC's {@code DeviceAsyncSignalIndexMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record DeviceAsyncSignalIndexMessage(
        Map<String, Object> metadata,
        String scanId,
        String device,
        String signal,
        Map<String, Object> shapes,
        Map<String, Object> indices,
        DeviceAsyncUpdate asyncUpdate) implements BecMessage {

    public DeviceAsyncSignalIndexMessage {
        metadata = Check.metadata(metadata);
        Check.required("DeviceAsyncSignalIndexMessage.scan_id", scanId);
        Check.required("DeviceAsyncSignalIndexMessage.device", device);
        Check.required("DeviceAsyncSignalIndexMessage.signal", signal);
        Check.required("DeviceAsyncSignalIndexMessage.shapes", shapes);
        Check.required("DeviceAsyncSignalIndexMessage.indices", indices);
        Check.required("DeviceAsyncSignalIndexMessage.async_update", asyncUpdate);
    }
}
