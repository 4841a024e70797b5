package org.jbec.scan.server.internal;

/**
 * Why a queue item stopped before its end: the scan status it gets, the reason it carries, and
 * whether the scan's {@code on_exception} clean-up runs (not for halt).
 */
enum ItemExit {
    ABORTED_BY_USER("aborted", "user", true),
    ABORTED_BY_ALARM("aborted", "alarm", true),
    HALTED("halted", "user", false),
    USER_COMPLETED("user_completed", "user", true),
    /** BEC publishes a restarted scan as aborted by alarm (no exit info is set for it). */
    RESTARTED("aborted", "alarm", true);

    final String scanStatus;
    final String reason;
    final boolean runOnException;

    ItemExit(String scanStatus, String reason, boolean runOnException) {
        this.scanStatus = scanStatus;
        this.reason = reason;
        this.runOnException = runOnException;
    }

    /** The reason shown in the queue entry. */
    String entryReason() {
        return this == RESTARTED ? "restart" : reason;
    }
}
