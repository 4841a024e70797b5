package org.jbec.test.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.felix.framework.FrameworkFactory;
import org.jbec.launcher.RuntimeBundle;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleRevision;

/**
 * jBEC's whole runtime (the bnd-resolved bundle set under {@code cnf/target/export/jbec}) in an Apache
 * Felix framework inside the test's JVM, against a private Redis, for plugin tests that must see their
 * bundle resolve, their components come up and their scans run among the real services. The test
 * side shares only {@code org.osgi.framework} with the framework, so services are found by class name
 * and the shell is driven by its command text.
 */
public final class InFrameworkJbec implements AutoCloseable {

    private final Framework framework;
    private final PrivateRedis redis;

    private InFrameworkJbec(Framework framework, PrivateRedis redis) {
        this.framework = framework;
        this.redis = redis;
    }

    /**
     * Starts the runtime of the jBEC checkout at {@code root} (built: {@code cnf/target/export/jbec}
     * exists) with the device session {@code devices}, its data and logs under {@code work}.
     */
    public static InFrameworkJbec start(Path root, Path devices, Path work) throws IOException, BundleException {
        PrivateRedis redis = PrivateRedis.start();
        try {
            Files.createDirectories(work);
            String servers = Files.readString(root.resolve("config/servers.yaml"))
                    .replace("  base_path: data\n", "  base_path: " + work.resolve("data") + "\n");
            Map<String, String> p = new HashMap<>();
            p.put("org.osgi.framework.storage", work.resolve("felix-cache").toString());
            p.put("org.osgi.framework.storage.clean", "onFirstInit");
            p.put("org.osgi.framework.system.packages.extra", "sun.misc");
            p.put("org.osgi.framework.startlevel.beginning", Integer.toString(RuntimeBundle.CONSOLE_LEVEL));
            p.put("felix.fileinstall.dir", Files.createDirectories(work.resolve("deploy")).toString());
            p.put("felix.fileinstall.filter", ".*\\.(cfg|config)");
            p.put("gosh.args", "--nointeractive");
            p.put("gosh.home", root.resolve("config/gogo").toString());
            p.put("jbec.home", root.toString());
            p.put("jbec.servers.config", Files.writeString(work.resolve("servers.yaml"), servers).toString());
            p.put("jbec.devices.config", devices.toAbsolutePath().toString());
            p.put("jbec.redis.address", redis.address().toString());
            System.setProperty("jbec.log.dir", work.resolve("log").toString());
            System.setProperty("jbec.log.console.level", "WARN");
            Framework framework = new FrameworkFactory().newFramework(p);
            framework.init();
            for (RuntimeBundle rb : RuntimeBundle.list(root.resolve(RuntimeBundle.RUNTIME_FOLDER))) {
                Bundle b = framework.getBundleContext().installBundle(rb.jar().toUri().toString());
                b.adapt(BundleStartLevel.class).setStartLevel(rb.startLevel());
                if ((b.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) == 0) {
                    b.start();
                }
            }
            framework.start();
            return new InFrameworkJbec(framework, redis);
        } catch (IOException | BundleException | RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    public BundleContext context() {
        return framework.getBundleContext();
    }

    /**
     * Installs and starts a bundle: a jar, or a folder holding {@code META-INF/MANIFEST.MF} (Maven's
     * {@code target/classes} after bnd-maven-plugin ran, so a plugin's tests need not wait for its jar).
     */
    public Bundle install(Path bundle) throws BundleException {
        String location = Files.isDirectory(bundle) ? "reference:" + bundle.toUri() : bundle.toUri().toString();
        Bundle b = context().installBundle(location);
        b.start();
        return b;
    }

    /** Waits for a service registered under {@code className} matching {@code filter} (null: any). */
    public ServiceReference<?> awaitService(String className, String filter, Duration within)
            throws InterruptedException, InvalidSyntaxException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            ServiceReference<?>[] refs = context().getServiceReferences(className, filter);
            if (refs != null && refs.length > 0) {
                return refs[0];
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + className + " service" + (filter == null ? "" : " matching " + filter)
                        + " within " + within.toSeconds() + " s");
            }
            Thread.sleep(20); // the framework offers no cross-class-loader wait for a service by name
        }
    }

    /** Waits until {@code jbec:ready} says every service is ready, as the launcher does before its shell opens. */
    public void awaitReady(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = shell("jbec:ready").trim();
                if (last.equals("ready")) {
                    return;
                }
            } catch (AssertionError notYet) {
                last = notYet.getMessage();
            }
            Thread.sleep(100); // readiness is a poll of the services' state, as in the launcher
        }
        throw new AssertionError("jBEC not ready within " + within.toSeconds() + " s: " + last);
    }

    /**
     * Runs one command line in a jBEC shell session (Gogo's CommandProcessor) and returns what it
     * printed followed by its result; a failing command throws with its message and output.
     */
    public String shell(String commandLine) throws Exception {
        ServiceReference<?> ref = awaitService("org.apache.felix.service.command.CommandProcessor", null,
                Duration.ofSeconds(60));
        Object processor = context().getService(ref);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            Method create = processor.getClass().getMethod("createSession", java.io.InputStream.class,
                    java.io.OutputStream.class, java.io.OutputStream.class);
            create.setAccessible(true);
            Object session = create.invoke(processor, new ByteArrayInputStream(new byte[0]), print, print);
            Method execute = session.getClass().getMethod("execute", CharSequence.class);
            execute.setAccessible(true);
            Object result;
            try {
                result = execute.invoke(session, commandLine);
            } catch (InvocationTargetException e) {
                throw new AssertionError("'" + commandLine + "' failed: " + e.getCause() + "\n" + out, e.getCause());
            } finally {
                session.getClass().getMethod("close").invoke(session);
            }
            return out.toString(StandardCharsets.UTF_8) + (result == null ? "" : String.valueOf(result));
        } finally {
            context().ungetService(ref);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            framework.stop();
            framework.waitForStop(30_000);
        } finally {
            redis.close();
        }
    }
}
