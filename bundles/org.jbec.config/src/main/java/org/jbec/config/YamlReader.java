package org.jbec.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads one YAML document into {@link YamlNode}s that know their line and column. Syntax errors and
 * duplicate keys are reported as {@link ConfigProblem}s naming file:line.
 */
public final class YamlReader {

    // an empty plain value ("deviceConfig:") is null in YAML, as PyYAML (and so BEC) reads it
    private final YAMLFactory factory = YAMLFactory.builder()
            .enable(com.fasterxml.jackson.dataformat.yaml.YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();

    /** Reads a file; {@code displayName} is how problems name it. */
    public YamlNode read(Path file, String displayName) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw single(displayName, 0, 0, "file not found");
        } catch (IOException e) {
            throw single(displayName, 0, 0, "cannot read: " + e.getMessage());
        }
        return read(new StringReader(text), displayName);
    }

    /** Reads YAML text; an empty document is an empty mapping. */
    public YamlNode read(Reader source, String displayName) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        try (JsonParser parser = factory.createParser(source)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new YamlNode.Mapping(Map.of(), Map.of(), new YamlNode.Mark(1, 1));
            }
            YamlNode root = readValue(parser, "", displayName, problems);
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                problems.add(new ConfigProblem(displayName, at.getLineNr(), at.getColumnNr(), "",
                        "more than one YAML document; a configuration file holds exactly one"));
            }
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw single(displayName, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "YAML syntax error: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw single(displayName, 0, 0, "cannot read: " + e.getMessage());
        }
    }

    private YamlNode readValue(JsonParser p, String path, String file, List<ConfigProblem> problems)
            throws IOException {
        JsonLocation at = p.currentTokenLocation();
        YamlNode.Mark mark = new YamlNode.Mark(at.getLineNr(), at.getColumnNr());
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, YamlNode> entries = new LinkedHashMap<>();
                Map<String, YamlNode.Mark> keyMarks = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonLocation keyAt = p.currentTokenLocation();
                    YamlNode.Mark keyMark = new YamlNode.Mark(keyAt.getLineNr(), keyAt.getColumnNr());
                    p.nextToken();
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    YamlNode value = readValue(p, childPath, file, problems);
                    if (entries.containsKey(key)) {
                        problems.add(new ConfigProblem(file, keyMark.line(), keyMark.column(), childPath,
                                "duplicate key (first at line " + keyMarks.get(key).line() + ")"));
                        continue;
                    }
                    entries.put(key, value);
                    keyMarks.put(key, keyMark);
                }
                return new YamlNode.Mapping(entries, keyMarks, mark);
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                int index = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(p, path + "[" + index++ + "]", file, problems));
                }
                return new YamlNode.Sequence(items, mark);
            }
            case VALUE_STRING:
                return new YamlNode.Scalar(p.getText(), tag(p), mark);
            case VALUE_NUMBER_INT:
                return new YamlNode.Scalar(p.getLongValue(), tag(p), mark);
            case VALUE_NUMBER_FLOAT:
                return new YamlNode.Scalar(p.getDoubleValue(), tag(p), mark);
            case VALUE_TRUE:
                return new YamlNode.Scalar(Boolean.TRUE, tag(p), mark);
            case VALUE_FALSE:
                return new YamlNode.Scalar(Boolean.FALSE, tag(p), mark);
            case VALUE_NULL:
                return new YamlNode.Scalar(null, tag(p), mark);
            default:
                // embedded objects (binary) and anything else YAML can express but config cannot
                problems.add(new ConfigProblem(file, mark.line(), mark.column(), path,
                        "unsupported YAML value (" + token + ")"));
                return new YamlNode.Scalar(null, null, mark);
        }
    }

    private static String tag(JsonParser p) throws IOException {
        Object id = p.getTypeId();
        return id == null ? null : id.toString();
    }

    private static ConfigException single(String file, int line, int column, String message) {
        return new ConfigException(List.of(new ConfigProblem(file, line, column, "", message)));
    }
}
