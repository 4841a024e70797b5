package org.jbec.service;

/** A unique service that another process already runs. */
public class ServiceConflictException extends Exception {

    private static final long serialVersionUID = 1L;

    public ServiceConflictException(String message) {
        super(message);
    }
}
