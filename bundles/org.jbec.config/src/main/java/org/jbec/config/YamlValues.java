package org.jbec.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain Java values (Map, List, String, Long, Double, Boolean, null) of a YAML node, positions dropped. */
public final class YamlValues {

    private YamlValues() {
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
