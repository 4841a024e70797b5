package org.jbec.launcher.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.felix.framework.FrameworkFactory;
import org.jbec.launcher.RuntimeBundle;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleRevision;

/**
 * One Apache Felix framework with the bnd-resolved runtime bundle set ({@link RuntimeBundle})
 * installed at their start levels.
 */
final class JbecFramework {

    static final int BEGINNING_LEVEL = RuntimeBundle.CONSOLE_LEVEL;

    private final Framework framework;

    private JbecFramework(Framework framework) {
        this.framework = framework;
    }

    static JbecFramework start(Path runtimeBundles, Map<String, String> properties) throws IOException, BundleException {
        List<RuntimeBundle> bundles = RuntimeBundle.list(runtimeBundles);
        Framework framework = new FrameworkFactory().newFramework(properties);
        framework.init();
        BundleContext context = framework.getBundleContext();
        for (RuntimeBundle runtimeBundle : bundles) {
            Bundle bundle = context.installBundle(runtimeBundle.jar().toUri().toString());
            bundle.adapt(BundleStartLevel.class).setStartLevel(runtimeBundle.startLevel());
            if (!isFragment(bundle)) {
                bundle.start();
            }
        }
        framework.start();
        return new JbecFramework(framework);
    }

    private static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    String version() {
        return framework.getVersion().toString();
    }

    /**
     * Waits until the framework has stopped (by {@link #stop} or by the shell's exit), at most
     * {@code timeout} ({@link Duration#ZERO}: no limit).
     */
    void awaitStop(Duration timeout) throws InterruptedException {
        framework.waitForStop(timeout.toMillis());
    }

    boolean isActive() {
        return framework.getState() == Bundle.ACTIVE || framework.getState() == Bundle.STARTING;
    }

    /** Stops every bundle in reverse start-level order and waits up to {@code timeout}. */
    void stop(Duration timeout) {
        try {
            framework.stop();
            framework.waitForStop(timeout.toMillis());
        } catch (BundleException e) {
            System.err.println("jbec: framework did not stop cleanly: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
