package org.jbec.launcher.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code ./jbec plugin create NAME [--into DIR]}: a beamline plugin module that builds with the
 * reactor and can be hot-deployed at once (PluginTemplates holds the files). By default it goes to
 * {@code beamline-plugins/org.jbec.beamline.NAME} and is added to the root pom's modules.
 */
public final class PluginGenerator {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private PluginGenerator() {
    }

    public static void main(String[] args) {
        try {
            System.out.println(run(Path.of(System.getProperty("jbec.home", ".")), args));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("jbec plugin: " + e.getMessage());
            System.exit(2);
        }
    }

    static String run(Path home, String... args) throws IOException {
        if (args.length < 2 || !args[0].equals("create")) {
            throw new IllegalArgumentException("usage: ./jbec plugin create NAME [--into DIR]");
        }
        String name = args[1];
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("NAME '" + name + "' must be lower case letters, digits and _, "
                    + "starting with a letter (it becomes a Java package)");
        }
        boolean into = args.length >= 4 && args[2].equals("--into");
        Path parent = into ? Path.of(args[3]) : home.resolve("beamline-plugins");
        String bsn = "org.jbec.beamline." + name;
        Path module = parent.resolve(bsn);
        if (Files.exists(module)) {
            throw new IllegalArgumentException(module + " exists already");
        }
        Map<String, String> files = PluginTemplates.files(name, bsn, className(name),
                into ? home.toAbsolutePath().resolve("pom.xml").toString() : "../../pom.xml",
                into ? home.toAbsolutePath().toString() : "${project.basedir}/../..");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path target = module.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue());
        }
        if (!into) {
            addModule(home.resolve("pom.xml"), "beamline-plugins/" + bsn);
        }
        return "created " + module + " (" + files.size() + " files)\n"
                + "build:  mvn -q -f " + module.resolve("pom.xml") + " package\n"
                + "deploy: copy its target/" + bsn + "-*.jar into deploy/, or in the shell: deploy <jar>";
    }

    /** {@code x10sa_optics} → {@code X10saOptics}: the prefix of the generated class names. */
    static String className(String name) {
        StringBuilder s = new StringBuilder();
        for (String part : name.split("_")) {
            if (!part.isEmpty()) {
                s.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return s.toString();
    }

    private static void addModule(Path pom, String module) throws IOException {
        String text = Files.readString(pom);
        String line = "    <module>" + module + "</module>\n";
        if (!text.contains(line)) {
            Files.writeString(pom, text.replace("    <module>cnf</module>\n", line + "    <module>cnf</module>\n"));
        }
    }
}
