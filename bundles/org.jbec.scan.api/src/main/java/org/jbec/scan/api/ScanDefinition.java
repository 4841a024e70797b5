package org.jbec.scan.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A scan a bundle offers, registered as a service; the scan server publishes every registered
 * description on {@code info/scans/available_scans} and republishes when scans come or go.
 * Names are unique: a second registration under a name already offered is skipped with a warning.
 *
 * <p>The scan server calls {@link #create} when a queue item starts, with the definition registered
 * at that moment: a scan bundle updated while a queue runs changes the next item, never the running
 * one (that keeps the {@link Scan} object it started with).
 */
@ConsumerType
public interface ScanDefinition {

    ScanDescription description();

    /**
     * One run of the scan for a request whose arguments the guard has checked against
     * {@link #description()} and whose keyword defaults are filled in.
     *
     * @throws ScanException (type {@code ScanArgumentError}) for arguments the signature cannot express as wrong
     *         (lists of unequal length, an empty region); the item is aborted with that message
     */
    Scan create(ScanRequest request);
}
