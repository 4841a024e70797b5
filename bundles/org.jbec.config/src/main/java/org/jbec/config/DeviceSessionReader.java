package org.jbec.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a device session in BEC's YAML schema (bec-behaviour.md §1): one top-level key per
 * device, {@code !include} of other files (relative to the including file; a later definition of a
 * name wins, as in BEC), every field checked, {@code needs} resolved into a load order. Every problem
 * names file:line:column, device and field; a session with any problem is refused whole.
 */
public final class DeviceSessionReader {

    private static final Set<String> FIELDS = Set.of("enabled", "deviceClass", "readoutPriority", "deviceConfig",
            "connectionTimeout", "description", "deviceTags", "needs", "onFailure", "readOnly", "softwareTrigger",
            "userParameter");

    private final YamlReader yaml = new YamlReader();

    /** A device's YAML with the file it came from. */
    private record Located(String name, YamlNode node, YamlNode.Mark keyMark, String file) {
    }

    /** What one read collects: devices by name, problems, warnings, the files being read (for cycles). */
    private static final class Collected {
        final Map<String, Located> devices = new LinkedHashMap<>();
        final List<ConfigProblem> problems = new ArrayList<>();
        final List<ConfigProblem> warnings = new ArrayList<>();
        final Set<Path> open = new HashSet<>();
    }

    /** Reads a session file. @throws ConfigException with every problem found */
    public DeviceSession read(Path file, String displayName) throws ConfigException {
        Collected c = new Collected();
        collectFile(file, displayName, c);
        return finish(displayName, c);
    }

    /**
     * Reads a session from YAML text (a config request, a test); includes resolve against
     * {@code baseDir}.
     */
    public DeviceSession read(java.io.Reader text, Path baseDir, String displayName) throws ConfigException {
        Collected c = new Collected();
        collectRoot(yaml.read(text, displayName), baseDir.toAbsolutePath().normalize(), displayName, c);
        return finish(displayName, c);
    }

    /**
     * Validates devices given as plain maps (a config request: {@code {name: {field: value}}}, sets
     * arriving as lists or sets), as a session of its own.
     */
    public DeviceSession fromMaps(Map<String, ?> devices, String source) throws ConfigException {
        Collected c = new Collected();
        collectRoot(YamlValues.node(devices), Path.of("."), source, c);
        return finish(source, c);
    }

    private DeviceSession finish(String displayName, Collected c) throws ConfigException {
        if (!c.problems.isEmpty()) {
            throw new ConfigException(c.problems);
        }
        return validate(displayName, c.devices, c.warnings);
    }

    /** Reads one file into the collection, following its includes. */
    private void collectFile(Path file, String displayName, Collected c) {
        Path real = file.toAbsolutePath().normalize();
        if (!c.open.add(real)) {
            c.problems.add(new ConfigProblem(displayName, 0, 0, "", "includes itself (an !include cycle)"));
            return;
        }
        try {
            collectRoot(yaml.read(file, displayName), real.getParent(), displayName, c);
        } catch (ConfigException e) {
            c.problems.addAll(e.problems());
        } finally {
            c.open.remove(real);
        }
    }

    private void collectRoot(YamlNode root, Path baseDir, String displayName, Collected c) {
        if (!(root instanceof YamlNode.Mapping top)) {
            c.problems.add(new ConfigProblem(displayName, root.mark().line(), root.mark().column(), "",
                    "a device session is a mapping of device names to devices, not " + root.kind()));
            return;
        }
        for (Map.Entry<String, YamlNode> e : top.entries().entrySet()) {
            List<YamlNode.Scalar> includes = includes(e.getValue());
            if (includes.isEmpty()) {
                Located earlier = c.devices.get(e.getKey());
                if (earlier != null) {
                    c.warnings.add(at(displayName, top.keyMarks().get(e.getKey()), e.getKey(), "",
                            "defined again; this definition replaces the one in " + earlier.file() + ":"
                                    + earlier.keyMark().line()));
                }
                c.devices.put(e.getKey(), new Located(e.getKey(), e.getValue(), top.keyMarks().get(e.getKey()),
                        displayName));
                continue;
            }
            for (YamlNode.Scalar include : includes) {
                if (!(include.value() instanceof String path)) {
                    c.problems.add(at(displayName, include.mark(), "", "", "!include needs a file name"));
                    continue;
                }
                Path target = baseDir.resolve(path.startsWith("~/")
                        ? System.getProperty("user.home") + path.substring(1) : path);
                collectFile(target, displayPath(displayName, path), c);
            }
        }
    }

    private static String displayPath(String including, String included) {
        if (Path.of(included).isAbsolute()) {
            return included;
        }
        Path parent = Path.of(including).getParent();
        return parent == null ? included : parent.resolve(included).normalize().toString();
    }

    /** The {@code !include} scalars of a value: one, or a list of them. */
    private static List<YamlNode.Scalar> includes(YamlNode value) {
        List<YamlNode.Scalar> out = new ArrayList<>();
        if (value instanceof YamlNode.Scalar s && "include".equals(s.tag())) {
            out.add(s);
        } else if (value instanceof YamlNode.Sequence seq) {
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlNode.Scalar s && "include".equals(s.tag())) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private DeviceSession validate(String source, Map<String, Located> located, List<ConfigProblem> warnings)
            throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, DeviceConfig> devices = new LinkedHashMap<>();
        Map<String, Located> where = new LinkedHashMap<>();
        for (Located l : located.values()) {
            DeviceFieldReader fields = new DeviceFieldReader(l.file(), l.name(), problems, warnings);
            String nameProblem = DeviceNames.problem(l.name());
            if (nameProblem != null) {
                problems.add(at(l.file(), l.keyMark(), l.name(), "", nameProblem));
            }
            DeviceConfig device = fields.read(l.node(), FIELDS);
            if (device != null) {
                devices.put(l.name(), device);
                where.put(l.name(), l);
            }
        }
        List<DeviceConfig> ordered = LoadOrder.sort(devices, where.entrySet().stream().collect(
                LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue().file() + ":" + e.getValue().keyMark().line()),
                Map::putAll), problems, warnings);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new DeviceSession(source, ordered, warnings);
    }

    static ConfigProblem at(String file, YamlNode.Mark mark, String device, String field, String message) {
        String key = device.isEmpty() ? field : field.isEmpty() ? device : device + "." + field;
        return new ConfigProblem(file, mark == null ? 0 : mark.line(), mark == null ? 0 : mark.column(), key, message);
    }
}
