package org.jbec.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

class YamlReaderTest {

    private YamlNode read(String yaml) throws ConfigException {
        return new YamlReader().read(new StringReader(yaml), "t.yaml");
    }

    @Test
    void keepsTypesOrderAndPositions() throws Exception {
        YamlNode.Mapping root = (YamlNode.Mapping) read("""
                samx:
                  limits: [-50, 50.5]
                  enabled: true
                  deviceConfig:
                bpm4i:
                  readoutPriority: monitored
                """);
        assertEquals(List.of("samx", "bpm4i"), List.copyOf(root.entries().keySet()));
        assertEquals(5, root.keyMarks().get("bpm4i").line());
        YamlNode.Mapping samx = (YamlNode.Mapping) root.entries().get("samx");
        YamlNode.Sequence limits = (YamlNode.Sequence) samx.entries().get("limits");
        assertEquals(-50L, ((YamlNode.Scalar) limits.items().get(0)).value());
        assertEquals(50.5, ((YamlNode.Scalar) limits.items().get(1)).value());
        assertEquals(2, limits.mark().line());
        assertEquals(Boolean.TRUE, ((YamlNode.Scalar) samx.entries().get("enabled")).value());
        assertNull(((YamlNode.Scalar) samx.entries().get("deviceConfig")).value());
        assertEquals("null", samx.entries().get("deviceConfig").kind());
    }

    @Test
    void quotedEmptyStringStaysAString() throws Exception {
        YamlNode.Mapping root = (YamlNode.Mapping) read("a: ''\nb: \"\"\nc:\n");
        assertEquals("", ((YamlNode.Scalar) root.entries().get("a")).value());
        assertEquals("", ((YamlNode.Scalar) root.entries().get("b")).value());
        assertNull(((YamlNode.Scalar) root.entries().get("c")).value());
    }

    @Test
    void emptyDocumentIsAnEmptyMapping() throws Exception {
        assertInstanceOf(YamlNode.Mapping.class, read("# only a comment\n"));
    }

    @Test
    void secondDocumentIsRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> read("a: 1\n---\nb: 2\n"));
        assertEquals(3, e.problems().get(0).line());
    }
}
