package org.jbec.epics.api;

/** A Channel Access operation failed: the message names the PV and why (disconnected, timeout, IOC error). */
public class EpicsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EpicsException(String message) {
        super(message);
    }

    public EpicsException(String message, Throwable cause) {
        super(message, cause);
    }
}
