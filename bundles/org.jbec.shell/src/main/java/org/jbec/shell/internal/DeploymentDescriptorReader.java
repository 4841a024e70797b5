package org.jbec.shell.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jbec.config.ConfigException;
import org.jbec.config.ConfigProblem;
import org.jbec.config.YamlNode;
import org.jbec.config.YamlReader;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * Reads a deployment descriptor for one host. Every problem (YAML, an unknown key or host, a bad
 * version, a missing file or folder) is reported as file:line:column with the dotted key, and
 * nothing is returned from a descriptor that has any. Relative paths are relative to the jBEC home.
 *
 * <pre>
 * maven_repository: ~/.m2/repository      # where "maven:" bundles are looked up (this is the default)
 * common:                                  # bundles every host runs (a host's own entry wins)
 *   bundles:
 *     org.jbec.scan.standard: {version: "[0.1,1)", maven: org.jbec}
 * hosts:
 *   x10sa-ioc:
 *     servers_config: config/servers.yaml
 *     device_session: config/x10sa-devices.yaml
 *     bundles:
 *       org.jbec.beamline.x10sa: {version: 1.2.0, folder: /opt/jbec/plugins}
 *       org.jbec.extra: {version: 1.0.0, file: /opt/jbec/extra-1.0.0.jar}
 *       org.jbec.file.writer: absent          # not on this host, though the runtime has it
 * </pre>
 */
final class DeploymentDescriptorReader {

    private static final Set<String> TOP = Set.of("maven_repository", "common", "hosts");
    private static final Set<String> HOST = Set.of("servers_config", "device_session", "bundles");
    private static final Set<String> ENTRY = Set.of("version", "maven", "folder", "file");

    private final Path home;
    private final Path defaultMavenRepository;

    /**
     * @param home                   the jBEC home, against which relative paths are read
     * @param defaultMavenRepository the Maven repository when the descriptor names none
     */
    DeploymentDescriptorReader(Path home, Path defaultMavenRepository) {
        this.home = home;
        this.defaultMavenRepository = defaultMavenRepository;
    }

    DeploymentDescriptor read(Path file, String displayName, String host) throws ConfigException {
        YamlNode root = new YamlReader().read(file, displayName);
        Problems p = new Problems(displayName);
        if (!(root instanceof YamlNode.Mapping top)) {
            p.add(root, "", "must be a mapping with 'hosts', is " + root.kind());
            throw new ConfigException(p.list);
        }
        p.onlyKeys(top, "", TOP);
        Path maven = defaultMavenRepository;
        YamlNode repo = top.entries().get("maven_repository");
        if (repo != null) {
            String text = p.string(repo, "maven_repository");
            maven = text == null ? maven : path(text);
        }
        YamlNode.Mapping hosts = p.mapping(top.entries().get("hosts"), top, "hosts");
        YamlNode.Mapping mine = null;
        if (hosts != null) {
            YamlNode node = hosts.entries().get(host);
            if (node == null) {
                YamlNode.Mark at = top.keyMarks().get("hosts");
                p.list.add(new ConfigProblem(displayName, at.line(), at.column(), "hosts", "no host '" + host + "' (described: " + String.join(", ", hosts.entries().keySet())
                        + "; another host with --host or JBEC_HOST)"));
            } else {
                mine = p.mapping(node, hosts, "hosts." + host);
            }
        }
        Map<String, DeploymentDescriptor.Entry> bundles = new LinkedHashMap<>();
        Set<String> absent = new java.util.LinkedHashSet<>();
        YamlNode common = top.entries().get("common");
        if (common != null) {
            YamlNode.Mapping c = p.mapping(common, top, "common");
            if (c != null) {
                p.onlyKeys(c, "common", Set.of("bundles"));
                entries(p, c, "common", maven, bundles, absent);
            }
        }
        Path servers = null;
        Path devices = null;
        if (mine != null) {
            String at = "hosts." + host;
            p.onlyKeys(mine, at, HOST);
            entries(p, mine, at, maven, bundles, absent);
            servers = configFile(p, mine, at, "servers_config");
            devices = configFile(p, mine, at, "device_session");
        }
        if (!p.list.isEmpty()) {
            throw new ConfigException(p.list);
        }
        return new DeploymentDescriptor(displayName, sha256(file), host, List.copyOf(bundles.values()),
                List.copyOf(absent), servers, devices);
    }

    private void entries(Problems p, YamlNode.Mapping section, String at, Path maven,
            Map<String, DeploymentDescriptor.Entry> into, Set<String> absent) {
        YamlNode node = section.entries().get("bundles");
        YamlNode.Mapping bundles = node == null ? null : p.mapping(node, section, at + ".bundles");
        if (bundles == null) {
            return;
        }
        bundles.entries().forEach((name, value) -> {
            String key = at + ".bundles." + name;
            if (value instanceof YamlNode.Scalar s && "absent".equals(s.value())) {
                into.remove(name);
                absent.add(name);
                return;
            }
            YamlNode.Mapping e = p.mapping(value, bundles, key);
            if (e == null) {
                return;
            }
            p.onlyKeys(e, key, ENTRY);
            VersionRange range = null;
            String version = e.entries().get("version") == null ? null : p.string(e.entries().get("version"), key + ".version");
            if (e.entries().get("version") == null) {
                p.add(e, key, "needs a version: an exact version (1.2.0) or a range ([1.2,2))");
            } else if (version != null) {
                range = range(p, e.entries().get("version"), key + ".version", version);
            }
            List<String> sources = e.entries().keySet().stream().filter(k -> !k.equals("version")).toList();
            DeploymentDescriptor.Source source = null;
            if (sources.size() != 1) {
                p.add(e, key, "needs exactly one source: maven: GROUP_ID, folder: PATH or file: JAR");
            } else {
                YamlNode s = e.entries().get(sources.get(0));
                String text = p.string(s, key + "." + sources.get(0));
                if (text != null) {
                    source = switch (sources.get(0)) {
                        case "maven" -> new DeploymentDescriptor.Source.Maven(maven, text);
                        case "folder" -> folderSource(p, s, key + ".folder", text);
                        default -> jarSource(p, s, key + ".file", text);
                    };
                }
            }
            YamlNode.Mark mark = bundles.keyMarks().get(name);
            if (range != null && source != null) {
                into.remove(name); // a host's own entry replaces the common one
                absent.remove(name);
                into.put(name, new DeploymentDescriptor.Entry(name, version, range, source, mark.line(), mark.column()));
            }
        });
    }

    /** A folder that does not exist (yet: a build output) is reported when a bundle is looked up there. */
    private DeploymentDescriptor.Source folderSource(Problems p, YamlNode at, String key, String text) {
        return new DeploymentDescriptor.Source.Folder(path(text));
    }

    private DeploymentDescriptor.Source jarSource(Problems p, YamlNode at, String key, String text) {
        Path jar = path(text.startsWith("file:") ? java.net.URI.create(text).getPath() : text);
        if (!Files.isRegularFile(jar)) {
            p.add(at, key, "no such file " + jar);
            return null;
        }
        return new DeploymentDescriptor.Source.Jar(jar);
    }

    private Path configFile(Problems p, YamlNode.Mapping host, String at, String key) {
        YamlNode node = host.entries().get(key);
        if (node == null) {
            return null;
        }
        String text = p.string(node, at + "." + key);
        if (text == null) {
            return null;
        }
        Path file = path(text);
        if (!Files.isRegularFile(file)) {
            p.add(node, at + "." + key, "no such file " + file);
            return null;
        }
        try {
            // checked now, with its own file:line problems, so that a bad file changes nothing
            if (key.equals("device_session")) {
                new org.jbec.config.DeviceSessionReader().read(file, text);
            } else {
                new org.jbec.config.ServersConfigReader().read(file, text);
            }
        } catch (ConfigException e) {
            p.list.addAll(e.problems());
            return null;
        }
        return file;
    }

    private static VersionRange range(Problems p, YamlNode at, String key, String text) {
        try {
            if (text.startsWith("[") || text.startsWith("(")) {
                return new VersionRange(text);
            }
            Version exact = Version.parseVersion(text);
            return new VersionRange(VersionRange.LEFT_CLOSED, exact, exact, VersionRange.RIGHT_CLOSED);
        } catch (IllegalArgumentException e) {
            p.add(at, key, "'" + text + "' is not an OSGi version (1.2.0) or range ([1.2,2)): " + e.getMessage());
            return null;
        }
    }

    private Path path(String text) {
        if (text.equals("~") || text.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + text.substring(1)).normalize();
        }
        return home.resolve(text).normalize();
    }

    private static String sha256(Path file) throws ConfigException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new ConfigException(List.of(new ConfigProblem(file.toString(), 0, 0, "", "cannot read: " + e)));
        }
    }

    /** The problems found so far, each at file:line:column. */
    private static final class Problems {
        final String file;
        final List<ConfigProblem> list = new ArrayList<>();

        Problems(String file) {
            this.file = file;
        }

        void add(YamlNode at, String key, String message) {
            list.add(new ConfigProblem(file, at.mark().line(), at.mark().column(), key, message));
        }

        void onlyKeys(YamlNode.Mapping m, String path, Set<String> allowed) {
            m.keyMarks().forEach((key, mark) -> {
                if (!allowed.contains(key)) {
                    list.add(new ConfigProblem(file, mark.line(), mark.column(), path.isEmpty() ? key : path + "." + key,
                            "unknown key; allowed here: " + String.join(", ", allowed.stream().sorted().toList())));
                }
            });
        }

        YamlNode.Mapping mapping(YamlNode node, YamlNode parent, String key) {
            if (node == null) {
                add(parent, key, "missing");
                return null;
            }
            if (node instanceof YamlNode.Mapping m) {
                return m;
            }
            add(node, key, "must be a mapping, is " + node.kind());
            return null;
        }

        String string(YamlNode node, String key) {
            if (node instanceof YamlNode.Scalar s && (s.value() instanceof String || s.value() instanceof Number)) {
                return String.valueOf(s.value());
            }
            add(node, key, "must be a string, is " + node.kind());
            return null;
        }
    }
}
