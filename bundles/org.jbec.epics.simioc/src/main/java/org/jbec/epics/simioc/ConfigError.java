package org.jbec.epics.simioc;

/**
 * A sim-IOC configuration mistake, already worded for the operator (file, item, what is wrong).
 * Checked, so that {@link SimIoc#run} can map it to exit status 2 without a stack trace.
 */
public final class ConfigError extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigError(String message) {
        super(message);
    }
}
