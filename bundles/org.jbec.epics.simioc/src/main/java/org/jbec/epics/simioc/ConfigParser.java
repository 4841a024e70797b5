package org.jbec.epics.simioc;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and checks the sim-IOC YAML file. Checked by hand over the tree rather than by data binding so
 * that every mistake names the file, the item ("motors[1] (SIM:MTR2)") and the key, and an unknown key
 * is an error (a misspelt "velo" must not silently become the default velocity).
 */
public final class ConfigParser {
    private static final Set<String> TOP = Set.of("port", "update_hz", "motors", "analog_in", "analog_out", "waveforms");
    private static final Set<String> MOTOR = Set.of("prefix", "velocity", "low_limit", "high_limit", "egu", "precision", "position");
    private static final Set<String> AI = Set.of("name", "follows", "center", "sigma", "amplitude", "value", "noise", "egu", "precision");
    private static final Set<String> AO = Set.of("name", "value", "egu", "precision");
    private static final Set<String> WF = Set.of("name", "length", "egu");

    private final String file;

    private ConfigParser(String file) {
        this.file = file;
    }

    public static IocConfig parse(Path path) throws ConfigError {
        ConfigParser parser = new ConfigParser(path.toString());
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new ConfigError(path + ": cannot read the file (" + e + ")");
        }
        return parser.parseText(text);
    }

    /** Parses YAML text; {@code file} only names the source in messages. */
    public static IocConfig parse(String file, String text) throws ConfigError {
        return new ConfigParser(file).parseText(text);
    }

    private IocConfig parseText(String text) throws ConfigError {
        JsonNode root;
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                    .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
            root = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr() + ":";
            throw new ConfigError(file + ":" + where + " not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull())
            throw new ConfigError(file + ": the file is empty; expected keys " + sorted(TOP));
        Item top = new Item("top level", root);
        top.checkKeys(TOP);
        int port = top.integer("port", IocConfig.DEFAULT_PORT, 1, 65535);
        double hz = top.number("update_hz", IocConfig.DEFAULT_UPDATE_HZ);
        if (!(hz > 0 && hz <= 1000)) throw top.error("'update_hz' must be in (0, 1000], got " + hz);

        List<IocConfig.Motor> motors = list(root, "motors", this::motor);
        List<IocConfig.AnalogIn> ai = list(root, "analog_in", this::analogIn);
        List<IocConfig.AnalogOut> ao = list(root, "analog_out", this::analogOut);
        List<IocConfig.Waveform> wf = list(root, "waveforms", this::waveform);
        IocConfig config = new IocConfig(port, hz, motors, ai, ao, wf);
        checkCrossReferences(config);
        return config;
    }

    private IocConfig.Motor motor(Item it) throws ConfigError {
        it.checkKeys(MOTOR);
        String prefix = it.name("prefix");
        double velocity = it.number("velocity", 1.0);
        if (!(velocity > 0)) throw it.error("'velocity' must be > 0, got " + velocity);
        double low = it.number("low_limit", 0), high = it.number("high_limit", 0);
        double position = it.number("position", 0);
        if (low < high && (position < low || position > high))
            throw it.error("'position' " + position + " is outside [low_limit, high_limit] = [" + low + ", " + high + "]");
        return new IocConfig.Motor(prefix, velocity, low, high, it.string("egu", ""), it.integer("precision", 3, 0, 15), position);
    }

    private IocConfig.AnalogIn analogIn(Item it) throws ConfigError {
        it.checkKeys(AI);
        String name = it.name("name");
        String follows = it.string("follows", null);
        if (follows != null && it.has("value"))
            throw it.error("'value' has no meaning with 'follows' (the value is the peak over the motor position)");
        if (follows == null)
            for (String k : List.of("center", "sigma", "amplitude"))
                if (it.has(k)) throw it.error("'" + k + "' needs 'follows' (the motor the peak is scanned with)");
        double sigma = it.number("sigma", 1.0);
        if (!(sigma > 0)) throw it.error("'sigma' must be > 0, got " + sigma);
        double noise = it.number("noise", 0.0);
        if (noise < 0) throw it.error("'noise' must be >= 0, got " + noise);
        return new IocConfig.AnalogIn(name, follows, it.number("center", 0), sigma, it.number("amplitude", 1.0),
                it.number("value", 0), noise, it.string("egu", ""), it.integer("precision", 3, 0, 15));
    }

    private IocConfig.AnalogOut analogOut(Item it) throws ConfigError {
        it.checkKeys(AO);
        return new IocConfig.AnalogOut(it.name("name"), it.number("value", 0), it.string("egu", ""),
                it.integer("precision", 3, 0, 15));
    }

    private IocConfig.Waveform waveform(Item it) throws ConfigError {
        it.checkKeys(WF);
        String name = it.name("name");
        if (!it.has("length")) throw it.error("'length' is missing");
        return new IocConfig.Waveform(name, it.integer("length", 0, 1, 1_000_000), it.string("egu", ""));
    }

    /** Every served PV name once; every 'follows' names a motor of this file. */
    private void checkCrossReferences(IocConfig c) throws ConfigError {
        Map<String, String> owner = new HashMap<>();
        for (int i = 0; i < c.motors().size(); i++)
            for (String field : SimMotor.FIELDS)
                claim(owner, c.motors().get(i).prefix() + field, label("motors", i, c.motors().get(i).prefix()));
        for (int i = 0; i < c.analogIn().size(); i++) {
            IocConfig.AnalogIn a = c.analogIn().get(i);
            claim(owner, a.name(), label("analog_in", i, a.name()));
            if (a.follows() != null && c.motors().stream().noneMatch(m -> m.prefix().equals(a.follows())))
                throw new ConfigError(file + ": " + label("analog_in", i, a.name()) + ": 'follows' names no motor: "
                        + a.follows());
        }
        for (int i = 0; i < c.analogOut().size(); i++)
            claim(owner, c.analogOut().get(i).name(), label("analog_out", i, c.analogOut().get(i).name()));
        for (int i = 0; i < c.waveforms().size(); i++)
            claim(owner, c.waveforms().get(i).name(), label("waveforms", i, c.waveforms().get(i).name()));
        if (owner.isEmpty())
            throw new ConfigError(file + ": no PVs: add motors, analog_in, analog_out or waveforms");
    }

    private void claim(Map<String, String> owner, String pv, String item) throws ConfigError {
        String before = owner.putIfAbsent(pv, item);
        if (before != null)
            throw new ConfigError(file + ": " + item + ": PV " + pv + " is already served by " + before);
    }

    private interface ItemReader<T> {
        T read(Item item) throws ConfigError;
    }

    private <T> List<T> list(JsonNode root, String section, ItemReader<T> reader) throws ConfigError {
        JsonNode node = root.get(section);
        List<T> out = new ArrayList<>();
        if (node == null || node.isNull()) return out;
        if (!node.isArray())
            throw new ConfigError(file + ": '" + section + "' must be a list of items, got " + node.getNodeType().name().toLowerCase());
        for (int i = 0; i < node.size(); i++) {
            JsonNode n = node.get(i);
            JsonNode nameNode = n.isObject() ? (n.has("prefix") ? n.get("prefix") : n.get("name")) : null;
            String label = label(section, i, nameNode != null && nameNode.isTextual() ? nameNode.asText() : null);
            if (!n.isObject()) throw new ConfigError(file + ": " + label + ": expected a mapping of keys, got " + n);
            out.add(reader.read(new Item(label, n)));
        }
        return out;
    }

    private static String label(String section, int index, String name) {
        return section + "[" + index + "]" + (name == null ? "" : " (" + name + ")");
    }

    private static String sorted(Set<String> keys) {
        return String.join(", ", keys.stream().sorted().toList());
    }

    /** One mapping of the file with typed accessors whose errors name the item. */
    private final class Item {
        final String label;
        final JsonNode node;

        Item(String label, JsonNode node) {
            this.label = label;
            this.node = node;
        }

        ConfigError error(String what) {
            return new ConfigError(file + ": " + label + ": " + what);
        }

        boolean has(String key) {
            return node.has(key) && !node.get(key).isNull();
        }

        void checkKeys(Set<String> allowed) throws ConfigError {
            if (!node.isObject()) throw error("expected a mapping of keys, got " + node);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!allowed.contains(key)) throw error("unknown key '" + key + "' (allowed: " + sorted(allowed) + ")");
            }
        }

        String name(String key) throws ConfigError {
            String s = string(key, null);
            if (s == null || s.isBlank()) throw error("'" + key + "' is missing");
            if (s.chars().anyMatch(Character::isWhitespace)) throw error("'" + key + "' must not contain spaces: \"" + s + "\"");
            return s;
        }

        String string(String key, String dflt) throws ConfigError {
            return has(key) ? typed(key, JsonNode::isTextual, "a string", JsonNode::asText) : dflt;
        }

        double number(String key, double dflt) throws ConfigError {
            if (!has(key)) return dflt;
            double v = typed(key, JsonNode::isNumber, "a number", JsonNode::asDouble);
            if (!Double.isFinite(v)) throw error("'" + key + "' must be finite, got " + v);
            return v;
        }

        int integer(String key, int dflt, int min, int max) throws ConfigError {
            if (!has(key)) return dflt;
            long v = typed(key, n -> n.isIntegralNumber() && n.canConvertToLong(), "an integer", JsonNode::asLong);
            if (v < min || v > max) throw error("'" + key + "' must be in [" + min + ", " + max + "], got " + v);
            return (int) v;
        }

        private <T> T typed(String key, java.util.function.Predicate<JsonNode> ok, String what,
                            Function<JsonNode, T> get) throws ConfigError {
            JsonNode v = node.get(key);
            if (!ok.test(v)) throw error("'" + key + "' must be " + what + ", got " + v);
            return get.apply(v);
        }
    }
}
