package org.jbec.bus.api;

/** A bus operation that could not reach Redis; the connector is reconnecting meanwhile. */
public class BusUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BusUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
