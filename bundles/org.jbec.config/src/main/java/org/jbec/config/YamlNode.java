package org.jbec.config;

import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it stood, so that validation can name file:line.
 * Mappings keep their key order.
 */
public sealed interface YamlNode {

    /** Where the node starts: 1-based line and column. */
    record Mark(int line, int column) {
    }

    Mark mark();

    /**
     * A scalar: String, Boolean, Long, Double, or null for YAML null; {@code tag} is an explicit
     * local tag without its "!" ({@code include} for BEC's {@code !include}), else null.
     */
    record Scalar(Object value, String tag, Mark mark) implements YamlNode {
    }

    record Sequence(List<YamlNode> items, Mark mark) implements YamlNode {
    }

    /** A mapping; {@code keyMarks} tells where each key stands. */
    record Mapping(Map<String, YamlNode> entries, Map<String, Mark> keyMarks, Mark mark) implements YamlNode {
    }

    /** What a user would call this kind of node in an error message. */
    default String kind() {
        if (this instanceof Mapping) {
            return "a mapping";
        }
        if (this instanceof Sequence) {
            return "a list";
        }
        Object v = ((Scalar) this).value();
        if (v == null) {
            return "null";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof Number) {
            return "a number";
        }
        return "a string";
    }
}
