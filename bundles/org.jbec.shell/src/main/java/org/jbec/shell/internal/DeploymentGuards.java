package org.jbec.shell.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * What must hold before an apply changes anything; an apply that fails one is refused
 * ({@link DeploymentApply.Refused}) with the system untouched.
 */
final class DeploymentGuards {

    private final BundleContext context;
    private final DeploymentRecords records;

    DeploymentGuards(BundleContext context, DeploymentRecords records) {
        this.context = context;
        this.records = records;
    }

    /**
     * The bytes of what runs now, to roll back to: the copy kept when a deployment put it in place,
     * else the jar at its location when that still holds the same version. Without either, the apply
     * is refused before anything changes.
     */
    byte[] rollbackCopy(Bundle b) throws IOException, DeploymentApply.Refused {
        Path kept = records.jarCopy(b.getSymbolicName(), b.getVersion().toString());
        if (Files.isRegularFile(kept)) {
            return Files.readAllBytes(kept);
        }
        try (InputStream in = new URL(b.getLocation()).openStream()) {
            byte[] bytes = in.readAllBytes();
            Path tmp = Files.createTempFile("jbec-rollback-", ".jar");
            try {
                Files.write(tmp, bytes);
                var id = DeploymentTargets.identity(tmp);
                if (id.isPresent() && id.get().version().equals(b.getVersion())) {
                    return bytes;
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            // no copy at the location: refused below
        }
        throw new DeploymentApply.Refused("no copy of the running " + b.getSymbolicName() + " " + b.getVersion()
                + " to roll back to (its location " + b.getLocation() + " holds another version or none)");
    }

    /**
     * A change must not pull the ground from under the shell that carries out the deployment: no bundle
     * whose refresh would restart the shell (its packages), none whose services the shell uses (the bus
     * connector, SCR, Gogo).
     */
    void refuseSelfRestart(DeploymentPlan plan) throws DeploymentApply.Refused {
        List<Bundle> touched = new ArrayList<>();
        plan.changes().stream().filter(c -> c.running() != null)
                .forEach(c -> touched.add(context.getBundle(c.running().id())));
        if (touched.isEmpty()) {
            return;
        }
        Bundle shell = context.getBundle();
        Set<Bundle> providers = new LinkedHashSet<>();
        ServiceReference<?>[] used = shell.getServicesInUse();
        for (ServiceReference<?> r : used == null ? new ServiceReference<?>[0] : used) {
            if (r.getBundle() != null && r.getBundle() != shell) {
                providers.add(r.getBundle());
            }
        }
        List<String> refused = new ArrayList<>();
        for (Bundle b : touched) {
            if (b == shell || context.getBundle(0).adapt(FrameworkWiring.class).getDependencyClosure(List.of(b)).contains(shell)) {
                refused.add(b.getSymbolicName() + " (a refresh would restart the shell)");
            } else if (providers.contains(b)) {
                refused.add(b.getSymbolicName() + " (its services are in use by the shell)");
            }
        }
        if (!refused.isEmpty()) {
            throw new DeploymentApply.Refused("changing " + String.join(", ", refused) + " would stop the shell (" + shell
                    .getSymbolicName() + ") that carries out the deployment; change the runtime and restart jBEC");
        }
    }
}
