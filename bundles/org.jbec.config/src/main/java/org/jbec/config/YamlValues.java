package org.jbec.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain Java values (Map, List, String, Long, Double, Boolean, null) of a YAML node, positions dropped. */
public final class YamlValues {

    private YamlValues() {
    }

    /**
     * A node for a plain value that did not come from a file (a config request on the bus); its
     * position is 0:0, so problems name the source and the key only.
     */
    public static YamlNode node(Object value) {
        YamlNode.Mark none = new YamlNode.Mark(0, 0);
        if (value instanceof Map<?, ?> map) {
            Map<String, YamlNode> entries = new LinkedHashMap<>();
            Map<String, YamlNode.Mark> marks = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                entries.put(String.valueOf(k), node(v));
                marks.put(String.valueOf(k), none);
            });
            return new YamlNode.Mapping(entries, marks, none);
        }
        if (value instanceof java.util.Collection<?> list) {
            List<YamlNode> items = new ArrayList<>();
            list.forEach(v -> items.add(node(v)));
            return new YamlNode.Sequence(items, none);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return new YamlNode.Scalar(((Number) value).longValue(), null, none);
        }
        if (value instanceof Float f) {
            return new YamlNode.Scalar(f.doubleValue(), null, none);
        }
        return new YamlNode.Scalar(value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Double || value == null ? value : String.valueOf(value), null, none);
    }

    public static Object plain(YamlNode node) {
        if (node instanceof YamlNode.Scalar s) {
            return s.value();
        }
        if (node instanceof YamlNode.Sequence seq) {
            List<Object> list = new ArrayList<>(seq.items().size());
            seq.items().forEach(item -> list.add(plain(item)));
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        ((YamlNode.Mapping) node).entries().forEach((k, v) -> map.put(k, plain(v)));
        return map;
    }
}
