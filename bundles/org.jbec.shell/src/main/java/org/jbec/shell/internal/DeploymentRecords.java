package org.jbec.shell.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The deployments of this host, kept in {@code var/deployment/} of the jBEC home: {@code applied.json}
 * (the last applied target set, which bundles deployments installed, the configuration files in use)
 * and {@code history.jsonl} (every apply, refused or not: who, when, descriptor and its hash, result).
 * Copies of the jars a deployment put in place are kept in {@code jars/}, so that a later apply can
 * roll back to exactly what ran.
 */
final class DeploymentRecords {

    /** One line of the history. */
    record Entry(String time, String who, String host, String descriptor, String sha256, String result,
            String detail, List<String> changes) {
    }

    /**
     * The last applied state.
     *
     * @param installed      bundles installed by deployments (uninstalled when no longer listed)
 * @param absent         bundles the deployment says must not run here
     * @param bundles        symbolic name → version of the applied target set
     * @param serversConfig  the servers configuration the host uses (null: as started)
     * @param deviceSession  the device session loaded by the last deployment (null: as started)
     */
    record Applied(String time, String who, String host, String descriptor, String sha256, List<String> installed,
            List<String> absent, Map<String, String> bundles, String serversConfig, String deviceSession) {

        Applied {
            absent = absent == null ? List.of() : List.copyOf(absent);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;

    DeploymentRecords(Path folder) {
        this.folder = folder;
    }

    Optional<Applied> applied() {
        Path file = folder.resolve("applied.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Applied.class));
        } catch (IOException e) {
            throw new IllegalStateException(file + " cannot be read (" + e.getMessage() + "); move it away to start over");
        }
    }

    /** Bundles installed by deployments, by symbolic name. */
    TreeSet<String> installedByDeployment() {
        return new TreeSet<>(applied().map(Applied::installed).orElse(List.of()));
    }

    void saveApplied(Applied applied) throws IOException {
        Files.createDirectories(folder);
        Path tmp = folder.resolve("applied.json.tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), applied);
        Files.move(tmp, folder.resolve("applied.json"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    void append(Entry entry) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("history.jsonl"), JSON.writeValueAsString(entry) + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The last {@code n} history entries, oldest first. */
    List<Entry> history(int n) throws IOException {
        Path file = folder.resolve("history.jsonl");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(JSON.readValue(line, new TypeReference<Entry>() { }));
            }
        }
        return out.subList(Math.max(0, out.size() - n), out.size());
    }

    /**
     * The applied target set as kept here: each bundle of the last apply with the copy of its jar (a
     * bundle the apply found already running has no copy; the plan leaves it alone while it runs that version).
     */
    List<DeploymentTargets.Target> keptTargets(Applied applied) {
        List<DeploymentTargets.Target> out = new ArrayList<>();
        applied.bundles().forEach((name, version) -> {
            if (!version.equals("not installed")) {
                Path jar = jarCopy(name, version);
                DeploymentDescriptor.Entry entry = new DeploymentDescriptor.Entry(name, version,
                        new org.osgi.framework.VersionRange("[" + version + "," + version + "]"),
                        new DeploymentDescriptor.Source.Jar(jar), 0, 0);
                out.add(new DeploymentTargets.Target(name, org.osgi.framework.Version.parseVersion(version), jar, entry));
            }
        });
        return out;
    }

    /** Where the copy of a jar a deployment put in place is kept. */
    Path jarCopy(String symbolicName, String version) {
        return folder.resolve("jars").resolve(symbolicName + "-" + version + ".jar");
    }

    void keepJar(String symbolicName, String version, byte[] bytes) throws IOException {
        Path copy = jarCopy(symbolicName, version);
        Files.createDirectories(copy.getParent());
        Files.write(copy, bytes);
    }
}
