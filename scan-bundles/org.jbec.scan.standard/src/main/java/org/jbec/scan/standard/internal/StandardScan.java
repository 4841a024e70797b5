package org.jbec.scan.standard.internal;

import java.util.Objects;
import java.util.function.Function;

import org.jbec.scan.api.Scan;
import org.jbec.scan.api.ScanDefinition;
import org.jbec.scan.api.ScanDescription;
import org.jbec.scan.api.ScanRequest;

/** One of BEC's scans as offered to the scan server: what it publishes, and how one run is built. */
record StandardScan(ScanDescription description, Function<ScanRequest, Scan> factory) implements ScanDefinition {

    StandardScan {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(factory, "factory");
    }

    /** A new Scan per queue item: runs share nothing. */
    @Override
    public Scan create(ScanRequest request) {
        return factory.apply(request);
    }
}
