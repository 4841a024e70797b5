package org.jbec.scan.standard.internal;

import java.util.List;

import org.jbec.scan.api.ScanDefinition;

/** The standard scans as the scan bundle registers them, for the scan server's system tests. */
public final class StandardScansAccess {

    private StandardScansAccess() {
    }

    public static List<ScanDefinition> definitions() {
        return List.copyOf(StandardScans.definitions(System::nanoTime));
    }
}
