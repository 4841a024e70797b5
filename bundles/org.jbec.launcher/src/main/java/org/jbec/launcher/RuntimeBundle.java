package org.jbec.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * One bundle of the bnd-resolved runtime (exported by cnf/pom.xml to cnf/target/export/jbec) with
 * the start level it gets. Start levels order the start: SPI Fly before slf4j (so slf4j finds logback
 * through the ServiceLoader mediator), logging, the services, and the Gogo console last (so it
 * reads input only once the commands exist).
 *
 * @param jar          the bundle file
 * @param symbolicName its Bundle-SymbolicName
 * @param startLevel   1..{@link #CONSOLE_LEVEL}
 */
public record RuntimeBundle(Path jar, String symbolicName, int startLevel) {

    /** Start level of plugins and services; FileInstall installs deployed bundles at this level. */
    public static final int SERVICE_LEVEL = 3;
    /** Start level of the Gogo console, the highest one. */
    public static final int CONSOLE_LEVEL = 4;

    /** The runtime folder relative to the jBEC home. */
    public static final String RUNTIME_FOLDER = "cnf/target/export/jbec";

    /** The bundles in {@code folder}, sorted by file name. */
    public static List<RuntimeBundle> list(Path folder) throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(folder)) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new IOException("no runtime bundles in " + folder + " (build first: mvn install)", e);
        }
        if (jars.isEmpty()) {
            throw new IOException("no runtime bundles in " + folder + " (build first: mvn install)");
        }
        List<RuntimeBundle> bundles = new java.util.ArrayList<>();
        for (Path jar : jars) {
            String name = symbolicName(jar);
            bundles.add(new RuntimeBundle(jar, name, startLevel(name)));
        }
        return bundles;
    }

    static int startLevel(String symbolicName) {
        if (symbolicName.startsWith("org.apache.aries.spifly") || symbolicName.startsWith("org.objectweb.asm")) {
            return 1;
        }
        if (symbolicName.equals("slf4j.api") || symbolicName.startsWith("ch.qos.logback")) {
            return 2;
        }
        if (symbolicName.equals("org.apache.felix.gogo.jline")) {
            return CONSOLE_LEVEL;
        }
        return SERVICE_LEVEL;
    }

    private static String symbolicName(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            String name = file.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
            if (name == null) {
                throw new IOException(jar + " is not an OSGi bundle (no Bundle-SymbolicName)");
            }
            return name.split(";")[0].strip();
        }
    }
}
