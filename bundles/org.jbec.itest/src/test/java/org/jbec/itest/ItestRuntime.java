package org.jbec.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackage;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jbec.launcher.RuntimeBundle;
import org.jbec.test.support.PrivateRedis;
import org.ops4j.pax.exam.Option;

/**
 * The Pax Exam configuration that boots jBEC's resolved runtime (cnf/target/export/jbec) at the
 * launcher's start levels, against a private Redis, with FileInstall watching a folder of the
 * test's own. Used only on the driver side (in {@code @Configuration} methods).
 */
final class ItestRuntime {

    /** The framework property the tests read to find their deploy folder. */
    static final String DEPLOY_PROPERTY = "felix.fileinstall.dir";

    private ItestRuntime() {
    }

    /** The id of the bundle whose line in Gogo's {@code lb} output names it ("  49|Active |  3|jBEC web view (…)"). */
    static String bundleId(String lbOutput, String bundleName) {
        return lbOutput.lines().filter(l -> l.contains(bundleName)).findFirst()
                .orElseThrow(() -> new AssertionError("no bundle '" + bundleName + "' in:\n" + lbOutput))
                .split("\\|")[0].trim();
    }

    static Path root() {
        return Path.of(System.getProperty("jbec.root", "../..")).toAbsolutePath().normalize();
    }

    /**
     * Options for a framework connected to a fresh private Redis. The server lives until the test
     * JVM exits (PrivateRedis stops it then): the test class cannot hold it, since Pax Exam loads
     * that class inside the framework too, where the fixture's classes do not exist.
     */
    static Option[] options() throws IOException {
        return options(PrivateRedis.start());
    }

    /** As {@link #options()}, with a device session for the device server to load. */
    static Option[] options(Path deviceSession) throws IOException {
        List<Option> options = new ArrayList<>(List.of(options(PrivateRedis.start())));
        options.add(frameworkProperty("jbec.devices.config").value(deviceSession.toString()));
        return options.toArray(new Option[0]);
    }

    /** The shipped servers config with the data files under the test's work folder, not the checkout's data/. */
    static Path serversConfig(Path root, Path work) throws IOException {
        String shipped = Files.readString(root.resolve("config/servers.yaml"));
        String changed = shipped.replace("  base_path: data\n", "  base_path: " + work.resolve("data") + "\n");
        if (changed.equals(shipped)) {
            throw new IllegalStateException("config/servers.yaml has no 'file_writer: base_path: data' line to redirect");
        }
        return Files.writeString(work.resolve("servers.yaml"), changed);
    }

    /** Where the runtime under test writes its data files. */
    static Path dataFolder() {
        return root().resolve("bundles/org.jbec.itest/target/itest/data");
    }

    static Option[] options(PrivateRedis redis) throws IOException {
        Path root = root();
        Path work = Files.createDirectories(root.resolve("bundles/org.jbec.itest/target/itest"));
        Path deploy = Files.createTempDirectory(work, "deploy-");
        List<Option> options = new ArrayList<>();
        for (RuntimeBundle b : RuntimeBundle.list(root.resolve(RuntimeBundle.RUNTIME_FOLDER))) {
            if (b.symbolicName().equals("org.apache.felix.framework")) {
                continue;
            }
            options.add(bundle(b.jar().toUri().toString()).startLevel(b.startLevel()).start());
        }
        options.add(junitBundles());
        options.add(frameworkProperty("org.osgi.framework.startlevel.beginning")
                .value(Integer.toString(RuntimeBundle.CONSOLE_LEVEL)));
        // as the launcher does; Pax Exam merges it into its own system.packages.extra
        options.add(systemPackage("sun.misc"));
        options.add(frameworkProperty("jbec.home").value(root.toString()));
        options.add(frameworkProperty("org.osgi.service.http.port").value("0")); // web view: any free port
        options.add(frameworkProperty("jbec.servers.config").value(serversConfig(root, work).toString()));
        options.add(frameworkProperty("jbec.redis.address").value(redis.address().toString()));
        options.add(frameworkProperty(DEPLOY_PROPERTY).value(deploy.toString()));
        options.add(frameworkProperty("felix.fileinstall.poll").value("200"));
        options.add(frameworkProperty("felix.fileinstall.filter").value(".*\\.(cfg|config)"));
        options.add(frameworkProperty("felix.fileinstall.noInitialDelay").value("true"));
        options.add(frameworkProperty("felix.fileinstall.start.level").value(Integer.toString(RuntimeBundle.SERVICE_LEVEL)));
        options.add(frameworkProperty("gosh.args").value("--nointeractive"));
        options.add(frameworkProperty("gosh.home").value(root.resolve("config/gogo").toString()));
        options.add(systemProperty("logback.configurationFile").value(root.resolve("config/logback.xml").toString()));
        options.add(systemProperty("jbec.log.dir").value(work.resolve("log").toString()));
        options.add(systemProperty("jbec.log.console.level").value("WARN"));
        // Pax Exam's own bundles come from the local Maven repository only, never from the network
        options.add(systemProperty("org.ops4j.pax.url.mvn.repositories").value(""));
        options.add(systemProperty("org.ops4j.pax.url.mvn.useFallbackRepositories").value("false"));
        String localRepo = System.getProperty("maven.repo.local");
        if (localRepo != null) {
            options.add(systemProperty("org.ops4j.pax.url.mvn.localRepository").value(localRepo));
        }
        return options.toArray(new Option[0]);
    }
}
