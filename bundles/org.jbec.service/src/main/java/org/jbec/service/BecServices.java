package org.jbec.service;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Announces services on the bus: {@code user/services/status/<name>} every 3 s (EX 6) and on every
 * change, {@code user/services/metrics/<name>} every 1 s (EX 30).
 */
@ProviderType
public interface BecServices {

    /**
     * Starts announcing a service, with status BUSY until it says RUNNING.
     *
     * @param name   BEC's service name: the class name for unique services ({@code DeviceServer}),
     *               else {@code <ClassName>/<uuid>}
     * @param unique refuse when another instance announces the same name: waits up to 8 s for its
     *               status key to expire (a crashed instance), as BEC does; blocks meanwhile, so call
     *               it off the activation thread
     * @throws ServiceConflictException when a unique service already runs
     */
    ServiceHandle register(String name, boolean unique) throws ServiceConflictException;

    /** The name this framework announces itself under ({@code JbecFramework/<uuid>}). */
    String frameworkServiceName();

    /** The services this framework announces, with their status now (readiness checks use it). */
    java.util.Map<String, org.jbec.bus.api.message.BecStatus> localServices();
}
