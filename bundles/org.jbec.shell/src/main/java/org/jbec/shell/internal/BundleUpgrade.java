package org.jbec.shell.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * A coordinated bundle upgrade: the queues are locked so no scan starts, the running one finishes
 * (or, asked for, is paused at its next point), the bundle is updated and refreshed, its components
 * must come back, and the queues go on. A new version that does not start is rolled back to the old
 * bytes, with the reason.
 */
final class BundleUpgrade {

    private final BundleContext context;
    private final BundleComponents components;
    private final BecClient client;

    BundleUpgrade(BundleContext context, ServiceComponentRuntime scr, BecClient client) {
        this.context = context;
        this.components = new BundleComponents(scr);
        this.client = client;
    }

    String run(Bundle bundle, Path jar, boolean pauseNow) throws Exception {
        long start = System.nanoTime();
        byte[] old = oldBytes(bundle);
        String oldVersion = bundle.getVersion().toString();
        String outcome;
        String how;
        try (QueueHold hold = QueueHold.take(client, "upgrade of " + bundle.getSymbolicName(), pauseNow)) {
            outcome = install(bundle, Files.readAllBytes(jar), old, oldVersion);
            how = hold.how();
        }
        return outcome + String.format(java.util.Locale.ROOT, " (%.1f s, queue held %s)",
                (System.nanoTime() - start) / 1e9, how);
    }

    /** Uninstalls a bundle between queue items (no scan starts meanwhile, the running one finishes first). */
    String remove(Bundle bundle) throws Exception {
        try (QueueHold hold = QueueHold.take(client, "removal of " + bundle.getSymbolicName(), false)) {
            String name = bundle.getSymbolicName() + " " + bundle.getVersion();
            bundle.uninstall();
            CountDownLatch refreshed = new CountDownLatch(1);
            context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(null, event -> refreshed.countDown());
            refreshed.await(60, TimeUnit.SECONDS);
            return name + " uninstalled";
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
        String missing = components.awaitUp(bundle);
        if (missing != null) {
            bundle.uninstall();
            return jar.getFileName() + " not installed: " + missing;
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
        return components.awaitUp(bundle);
    }

    private static byte[] oldBytes(Bundle bundle) {
        try (InputStream in = new URL(bundle.getLocation()).openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }
}
