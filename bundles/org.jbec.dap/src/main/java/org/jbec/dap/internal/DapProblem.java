package org.jbec.dap.internal;

/**
 * Why a request cannot be answered (a scan not found, a signal not in it, a bad request field),
 * worded for the user; caught at the bundle's edges and turned into an error reply or message.
 */
final class DapProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DapProblem(String message) {
        super(message, null, false, false);
    }
}
