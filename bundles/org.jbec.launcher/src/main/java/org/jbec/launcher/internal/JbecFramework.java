package org.jbec.launcher.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleRevision;

/**
 * One Apache Felix framework with the bnd-resolved runtime bundle set installed from
 * {@code cnf/target/export/jbec}. Start levels order the start: SPI Fly before slf4j (so slf4j finds
 * logback through the ServiceLoader mediator), the services, and the Gogo console last (so it reads
 * input only once the commands exist).
 */
final class JbecFramework {

    static final int BEGINNING_LEVEL = 4;

    private final Framework framework;

    private JbecFramework(Framework framework) {
        this.framework = framework;
    }

    static JbecFramework start(Path runtimeBundles, Map<String, String> properties) throws IOException, BundleException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(runtimeBundles)) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new IOException("no runtime bundles in " + runtimeBundles + " (build first: mvn install)", e);
        }
        if (jars.isEmpty()) {
            throw new IOException("no runtime bundles in " + runtimeBundles + " (build first: mvn install)");
        }
        Framework framework = new FrameworkFactory().newFramework(properties);
        framework.init();
        BundleContext context = framework.getBundleContext();
        for (Path jar : jars) {
            Bundle bundle = context.installBundle(jar.toUri().toString());
            bundle.adapt(BundleStartLevel.class).setStartLevel(startLevel(symbolicName(jar)));
            if (!isFragment(bundle)) {
                bundle.start();
            }
        }
        framework.start();
        return new JbecFramework(framework);
    }

    static int startLevel(String symbolicName) {
        if (symbolicName.startsWith("org.apache.aries.spifly") || symbolicName.startsWith("org.objectweb.asm")) {
            return 1;
        }
        if (symbolicName.equals("slf4j.api") || symbolicName.startsWith("ch.qos.logback")) {
            return 2;
        }
        if (symbolicName.equals("org.apache.felix.gogo.jline")) {
            return BEGINNING_LEVEL;
        }
        return 3;
    }

    private static String symbolicName(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            String name = file.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
            return name == null ? "" : name.split(";")[0].strip();
        }
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
