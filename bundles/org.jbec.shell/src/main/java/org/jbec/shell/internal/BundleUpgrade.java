package org.jbec.shell.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.ScanQueueStatus;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

/**
 * A coordinated bundle upgrade: the queues are locked so no scan starts, the running one finishes
 * (or, asked for, is paused at its next point), the bundle is updated and refreshed, its components
 * must come back, and the queues go on. A new version that does not start is rolled back to the old
 * bytes, with the reason.
 */
final class BundleUpgrade {

    static final String LOCK = "jbec-upgrade";
    private static final long WAIT_NANOS = TimeUnit.MINUTES.toNanos(30);

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final BecClient client;

    BundleUpgrade(BundleContext context, ServiceComponentRuntime scr, BecClient client) {
        this.context = context;
        this.scr = scr;
        this.client = client;
    }

    String run(Bundle bundle, Path jar, boolean pauseNow) throws Exception {
        long start = System.nanoTime();
        byte[] old = oldBytes(bundle);
        String oldVersion = bundle.getVersion().toString();
        List<String> queues = queueNames();
        queues.forEach(q -> client.modify("lock", q, Map.of("reason", "upgrade of " + bundle.getSymbolicName(),
                "identifier", LOCK, "allow_device_instructions", false), null));
        if (pauseNow) {
            queues.forEach(q -> client.modify("pause", q, Map.of(), null));
        } else {
            awaitNoActiveItem();
        }
        String outcome;
        try {
            outcome = install(bundle, Files.readAllBytes(jar), old, oldVersion);
        } finally {
            queues.forEach(q -> client.modify("release_lock", q, Map.of("identifier", LOCK), null));
            if (pauseNow) {
                queues.forEach(q -> client.modify("continue", q, Map.of(), null));
            }
        }
        return outcome + String.format(java.util.Locale.ROOT, " (%.1f s, queue held %s)",
                (System.nanoTime() - start) / 1e9, pauseNow ? "paused mid-scan" : "between items");
    }

    /** Uninstalls a bundle between queue items (no scan starts meanwhile, the running one finishes first). */
    String remove(Bundle bundle) throws Exception {
        List<String> queues = queueNames();
        queues.forEach(q -> client.modify("lock", q, Map.of("reason", "removal of " + bundle.getSymbolicName(),
                "identifier", LOCK, "allow_device_instructions", false), null));
        try {
            awaitNoActiveItem();
            String name = bundle.getSymbolicName() + " " + bundle.getVersion();
            bundle.uninstall();
            CountDownLatch refreshed = new CountDownLatch(1);
            context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(null, event -> refreshed.countDown());
            refreshed.await(60, TimeUnit.SECONDS);
            return name + " uninstalled";
        } finally {
            queues.forEach(q -> client.modify("release_lock", q, Map.of("identifier", LOCK), null));
        }
    }

    /** A new bundle: installed from the jar and started; uninstalled again when its components do not come up. */
    String install(Path jar) throws Exception {
        long start = System.nanoTime();
        Bundle bundle;
        try (InputStream in = Files.newInputStream(jar)) {
            bundle = context.installBundle(jar.toUri().toString(), in);
        }
        try {
            bundle.start();
        } catch (org.osgi.framework.BundleException e) {
            bundle.uninstall();
            return jar.getFileName() + " not installed: " + e.getMessage();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String missing;
        while ((missing = componentsDown(bundle)) != null) {
            if (System.nanoTime() > deadline) {
                bundle.uninstall();
                return jar.getFileName() + " not installed: components not up within 30 s: " + missing;
            }
            Thread.sleep(50);
        }
        return String.format(java.util.Locale.ROOT, "%s %s installed and running (%.1f s)", bundle.getSymbolicName(),
                bundle.getVersion(), (System.nanoTime() - start) / 1e9);
    }

    private String install(Bundle bundle, byte[] fresh, byte[] old, String oldVersion) throws Exception {
        String problem = update(bundle, fresh);
        if (problem == null) {
            return bundle.getSymbolicName() + " " + oldVersion + " -> " + bundle.getVersion() + ": running";
        }
        String rollback = old == null ? "no copy of the old version to roll back to" : update(bundle, old);
        return bundle.getSymbolicName() + ": the new version failed (" + problem + "); "
                + (rollback == null ? "rolled back to " + bundle.getVersion() : "rollback failed too: " + rollback);
    }

    /** Updates, refreshes, starts and waits for the bundle's components; null when all came up, else why not. */
    private String update(Bundle bundle, byte[] bytes) throws InterruptedException {
        try {
            bundle.update(new ByteArrayInputStream(bytes));
        } catch (BundleException e) {
            return "update: " + e.getMessage();
        }
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        refreshed.await(60, TimeUnit.SECONDS);
        try {
            bundle.start();
        } catch (BundleException e) {
            return "start: " + e.getMessage();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String missing;
        while ((missing = componentsDown(bundle)) != null) {
            if (System.nanoTime() > deadline) {
                return "components not up within 30 s: " + missing;
            }
            Thread.sleep(50);
        }
        return null;
    }

    /** The bundle's components that are neither active nor satisfied, or null when none. */
    private String componentsDown(Bundle bundle) {
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

    private static byte[] oldBytes(Bundle bundle) {
        try (InputStream in = new URL(bundle.getLocation()).openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    private List<String> queueNames() {
        return client.bus().get(Endpoints.scanQueueStatus()).map(s -> List.copyOf(s.queue().keySet()))
                .orElse(List.of("primary"));
    }

    private void awaitNoActiveItem() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() < deadline) {
            var status = client.bus().get(Endpoints.scanQueueStatus());
            boolean busy = status.isPresent() && status.get().queue().values().stream().map(ScanQueueStatus::info)
                    .flatMap(List::stream).anyMatch(i -> !"PENDING".equals(i.status()));
            if (!busy) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the running scan did not finish within 30 minutes; try --now");
    }
}
