package org.jbec.scan.bundler.internal;

import org.jbec.bus.api.Connector;
import org.jbec.service.BecServices;

/** The bundler for tests in other packages (its life-cycle methods are package-private). */
public final class BundlerAccess {

    private final ScanBundler bundler;

    public BundlerAccess(Connector bus, BecServices services) {
        this.bundler = new ScanBundler(bus, services);
    }

    public boolean running() {
        return bundler.running();
    }

    public void stop() {
        bundler.stop();
    }
}
