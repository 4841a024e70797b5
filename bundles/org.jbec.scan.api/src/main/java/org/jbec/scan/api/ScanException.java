package org.jbec.scan.api;

/**
 * A scan cannot go on: a target outside the limits ({@code LimitError}), a device instruction that
 * failed ({@code DeviceInstructionError}), arguments a scan refuses ({@code ScanArgumentError}). The
 * scan server aborts the scan, raises a MAJOR alarm with this type and message, and pauses the queue.
 */
public class ScanException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String type;
    private final String device;

    public ScanException(String type, String message) {
        this(type, message, null);
    }

    public ScanException(String type, String message, String device) {
        super(message);
        this.type = type;
        this.device = device;
    }

    /** BEC's exception class name for the alarm. */
    public String type() {
        return type;
    }

    /** The device concerned, or null. */
    public String device() {
        return device;
    }
}
