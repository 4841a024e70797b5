package org.jbec.scan.bundler.internal;

import org.jbec.bus.api.Connector;
import org.jbec.service.BecServices;

/** The scan bundler for the scan server's system tests (its life-cycle methods are package-private). */
public final class BundlerHandle {

    private final ScanBundler bundler;

    public BundlerHandle(Connector bus, BecServices services) {
        this.bundler = new ScanBundler(bus, services);
    }

    public boolean running() {
        return bundler.running();
    }

    public void stop() {
        bundler.stop();
    }
}
