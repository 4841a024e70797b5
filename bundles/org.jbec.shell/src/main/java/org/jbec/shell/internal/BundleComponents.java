package org.jbec.shell.internal;

import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

/** Whether a bundle is up: active, and each of its components active or satisfied (waiting for a user). */
final class BundleComponents {

    static final long UP_WITHIN_SECONDS = 30;

    private final ServiceComponentRuntime scr;

    BundleComponents(ServiceComponentRuntime scr) {
        this.scr = scr;
    }

    /** The bundle's components that are neither active nor satisfied (or its state), or null when it is up. */
    String down(Bundle bundle) {
        if (bundle.getState() != Bundle.ACTIVE) {
            return "bundle state " + bundle.getState();
        }
        StringBuilder down = new StringBuilder();
        scr.getComponentDescriptionDTOs(bundle).forEach(d -> scr.getComponentConfigurationDTOs(d).forEach(c -> {
            if (c.state != ComponentConfigurationDTO.ACTIVE && c.state != ComponentConfigurationDTO.SATISFIED) {
                down.append(d.name).append(" (state ").append(c.state).append(") ");
            }
        }));
        return down.length() == 0 ? null : down.toString().trim();
    }

    /** Waits up to 30 s for the bundle to be up; null when it is, else what is still down. */
    String awaitUp(Bundle bundle) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(UP_WITHIN_SECONDS);
        String missing;
        while ((missing = down(bundle)) != null) {
            if (System.nanoTime() > deadline) {
                return "components not up within " + UP_WITHIN_SECONDS + " s: " + missing;
            }
            Thread.sleep(50);
        }
        return null;
    }
}
