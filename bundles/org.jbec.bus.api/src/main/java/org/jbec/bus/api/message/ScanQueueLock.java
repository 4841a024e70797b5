package org.jbec.bus.api.message;


/**
 * A lock held on a queue.
 * <p>
 * BEC's {@code ScanQueueLock} (model); components in wire order.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record ScanQueueLock(
        String reason,
        String identifier,
        @Default("true") Boolean allowDeviceInstructions) implements BecModel {

    public ScanQueueLock {
        Check.required("ScanQueueLock.reason", reason);
        Check.required("ScanQueueLock.identifier", identifier);
    }
}
