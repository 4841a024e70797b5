package org.jbec.bus.api.message;

import java.util.List;
import java.util.Map;

/**
 * One request of a queue item.
 * <p>
 * BEC's {@code RequestBlock} (model); components in wire order.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record RequestBlock(
        ScanQueueMessage msg,
        @WireName("RID") String RID,
        Map<String, Object> readoutPriority,
        Boolean isScan,
        Long scanNumber,
        String scanId,
        @Default("null") List<Object> reportInstructions,
        @Default("[]") List<Object> ownedDeviceLocks,
        @Default("[]") List<Object> pendingDeviceLocks) implements BecModel {

    public RequestBlock {
        Check.required("RequestBlock.msg", msg);
        Check.required("RequestBlock.RID", RID);
        Check.required("RequestBlock.readout_priority", readoutPriority);
        Check.required("RequestBlock.is_scan", isScan);
    }
}
