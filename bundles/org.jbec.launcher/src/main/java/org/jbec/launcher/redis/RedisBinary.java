package org.jbec.launcher.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import redis.embedded.core.ExecutableProvider;
import redis.embedded.model.OsArchitecture;

/**
 * A redis-server executable: the machine's own when {@code redis-server} is on the PATH, else the
 * one shipped inside {@code com.github.codemonstur:embedded-redis}.
 *
 * @param path    the executable
 * @param origin  "PATH" or "embedded-redis jar"
 * @param version the version it reports ({@code redis-server --version})
 */
public record RedisBinary(Path path, String origin, String version) {

    private static final Pattern VERSION = Pattern.compile("v=(\\S+)");

    /**
     * Finds the binary as described above.
     *
     * @param extractTo where the shipped binary is unpacked when the PATH has none
     */
    public static RedisBinary locate(Path extractTo) throws IOException {
        Optional<Path> onPath = findOnPath("redis-server");
        if (onPath.isPresent()) {
            return new RedisBinary(onPath.get(), "PATH", versionOf(onPath.get()));
        }
        return shipped(extractTo);
    }

    /**
     * The binary shipped in the embedded-redis jar for this OS and architecture, unpacked into
     * {@code extractTo} unless an earlier run already did (rewriting a binary that a running
     * server uses would fail).
     */
    public static RedisBinary shipped(Path extractTo) throws IOException {
        Files.createDirectories(extractTo);
        String resource = ExecutableProvider.newProvidedVersionsMap().get(OsArchitecture.detectOSandArchitecture());
        if (resource == null) {
            throw new IOException("embedded-redis ships no redis-server for this OS and architecture; "
                    + "install redis-server");
        }
        Path unpacked = extractTo.resolve(Path.of(resource).getFileName().toString());
        if (!Files.isExecutable(unpacked)) {
            unpacked = ExecutableProvider.newJarResourceProvider(extractTo.toFile()).get().toPath();
        }
        return new RedisBinary(unpacked, "embedded-redis jar", versionOf(unpacked));
    }

    /** How status lines name it: {@code redis-server 7.0.15 (/usr/bin/redis-server, from PATH)}. */
    public String describe() {
        return "redis-server " + version + " (" + path + ", from " + origin + ")";
    }

    static Optional<Path> findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static String versionOf(Path binary) throws IOException {
        Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            Matcher m = VERSION.matcher(out);
            return m.find() ? m.group(1) : "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return "unknown";
        }
    }
}
