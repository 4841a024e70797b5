package org.jbec.launcher.internal;

/** A reason jBEC cannot start, worded for the operator, with the process exit status to use. */
final class LaunchException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitStatus;

    LaunchException(String message, int exitStatus) {
        super(message);
        this.exitStatus = exitStatus;
    }

    LaunchException(String message, int exitStatus, Throwable cause) {
        super(message, cause);
        this.exitStatus = exitStatus;
    }

    int exitStatus() {
        return exitStatus;
    }
}
