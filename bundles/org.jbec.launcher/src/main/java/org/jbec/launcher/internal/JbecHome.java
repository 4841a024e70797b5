package org.jbec.launcher.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The folders of one jBEC installation (the repository checkout). */
record JbecHome(Path root) {

    static JbecHome fromSystem() {
        return new JbecHome(Path.of(System.getProperty("jbec.home", ".")).toAbsolutePath().normalize());
    }

    /** The bnd-resolved runtime bundle set, exported by cnf/pom.xml. */
    Path runtimeBundles() {
        return root.resolve(org.jbec.launcher.RuntimeBundle.RUNTIME_FOLDER);
    }

    /** Run-time state (pid, control socket, embedded Redis data, caches): {@code JBEC_VAR} or var/. */
    Path var() {
        String override = System.getenv("JBEC_VAR");
        return override == null || override.isBlank() ? root.resolve("var") : Path.of(override).toAbsolutePath();
    }

    Path logs() {
        return var().resolve("log");
    }

    Path deploy() {
        return root.resolve("deploy");
    }

    Path pidFile() {
        return var().resolve("jbec.pid");
    }

    Path controlSocket() {
        return var().resolve("jbec.sock");
    }

    Path redisDir() {
        return var().resolve("redis");
    }

    Path logbackConfig() {
        return root.resolve("config/logback.xml");
    }

    /**
     * A file named on the command line: absolute as is; relative to the working folder when it
     * exists there, else relative to the jBEC home (where config/ is).
     */
    Path resolveUserPath(String given) {
        Path path = Path.of(given);
        if (path.isAbsolute()) {
            return path;
        }
        Path inWorkingFolder = path.toAbsolutePath().normalize();
        return Files.exists(inWorkingFolder) ? inWorkingFolder : root.resolve(path).normalize();
    }

    void createFolders() throws IOException {
        Files.createDirectories(logs());
        Files.createDirectories(deploy());
    }
}
