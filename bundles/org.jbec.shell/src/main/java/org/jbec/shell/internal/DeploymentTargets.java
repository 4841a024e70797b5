package org.jbec.shell.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.jbec.config.ConfigException;
import org.jbec.config.ConfigProblem;
import org.osgi.framework.Version;

/**
 * The jars a descriptor's entries stand for: in each entry's source, the jars whose manifest names the
 * entry's bundle, and of those the highest version in the entry's range. A bundle found nowhere in its
 * source, or in no version of the range, is a problem at the entry's line; so is a target set with any.
 */
final class DeploymentTargets {

    /** One bundle of the target set: the jar that will run, and its entry in the descriptor. */
    record Target(String symbolicName, Version version, Path jar, DeploymentDescriptor.Entry entry) {
    }

    private DeploymentTargets() {
    }

    static List<Target> resolve(DeploymentDescriptor descriptor) throws ConfigException {
        List<Target> targets = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (DeploymentDescriptor.Entry e : descriptor.bundles()) {
            List<Target> found = candidates(e);
            Optional<Target> best = found.stream().filter(t -> e.range().includes(t.version()))
                    .max(Comparator.comparing(Target::version));
            String key = "bundles." + e.symbolicName();
            if (e.source() instanceof DeploymentDescriptor.Source.Folder f && !Files.isDirectory(f.folder())) {
                problems.add(new ConfigProblem(descriptor.file(), e.line(), e.column(), key, "no such folder "
                        + f.folder()));
            } else if (e.source() instanceof DeploymentDescriptor.Source.Maven m && !Files.isDirectory(m.repository())) {
                problems.add(new ConfigProblem(descriptor.file(), e.line(), e.column(), key, "no Maven repository at "
                        + m.repository()));
            } else if (found.isEmpty()) {
                problems.add(new ConfigProblem(descriptor.file(), e.line(), e.column(), key,
                        "unknown bundle: no " + e.symbolicName() + " in " + e.source()));
            } else if (best.isEmpty()) {
                problems.add(new ConfigProblem(descriptor.file(), e.line(), e.column(), key, "no version in "
                        + e.version() + " in " + e.source() + " (there: " + String.join(", ", found.stream()
                                .map(t -> t.version().toString()).sorted().distinct().toList()) + ")"));
            } else {
                targets.add(best.get());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return targets;
    }

    private static List<Target> candidates(DeploymentDescriptor.Entry e) {
        List<Path> jars;
        if (e.source() instanceof DeploymentDescriptor.Source.Jar j) {
            jars = List.of(j.file());
        } else if (e.source() instanceof DeploymentDescriptor.Source.Folder f) {
            jars = jarsIn(f.folder(), 1);
        } else {
            DeploymentDescriptor.Source.Maven m = (DeploymentDescriptor.Source.Maven) e.source();
            jars = jarsIn(m.repository().resolve(m.groupId().replace('.', '/')).resolve(e.symbolicName()), 2);
        }
        List<Target> out = new ArrayList<>();
        for (Path jar : jars) {
            identity(jar).filter(id -> id.symbolicName().equals(e.symbolicName()))
                    .ifPresent(id -> out.add(new Target(id.symbolicName(), id.version(), jar, e)));
        }
        return out;
    }

    private static List<Path> jarsIn(Path folder, int depth) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder, depth)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .filter(p -> !p.getFileName().toString().matches(".*-(sources|javadoc|tests)\\.jar")).sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A jar's bundle symbolic name and version, empty when it is not a bundle (or unreadable). */
    static Optional<Target> identity(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String bsn = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            if (bsn == null) {
                return Optional.empty();
            }
            Version version = Version.parseVersion(manifest.getMainAttributes().getValue("Bundle-Version"));
            return Optional.of(new Target(bsn.split(";")[0].trim(), version, jar, null));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
