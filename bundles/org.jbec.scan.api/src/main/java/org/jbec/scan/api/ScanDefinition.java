package org.jbec.scan.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A scan a bundle offers, registered as a service; the scan server publishes every registered
 * description on {@code info/scans/available_scans} and republishes when scans come or go.
 * Names are unique: a second registration under a name already offered is skipped with a warning.
 */
@ConsumerType
public interface ScanDefinition {

    ScanDescription description();
}
