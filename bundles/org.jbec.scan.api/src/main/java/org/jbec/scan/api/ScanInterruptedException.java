package org.jbec.scan.api;

/**
 * Thrown by {@link ScanContext} calls when the queue item was stopped (abort, halt,
 * user_completed, restart, clear). Scans let it pass: the scan server runs the clean-up the action
 * asks for.
 */
public class ScanInterruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ScanInterruptedException(String message) {
        super(message);
    }
}
