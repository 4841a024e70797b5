package org.jbec.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesNestedValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", 1L);
        m.put("b", List.of(true, 2.5));
        m.put("c", null);
        assertEquals("{\"a\":1,\"b\":[true,2.5],\"c\":null}", Json.write(m));
    }

    @Test
    void escapesQuotesControlCharactersAndScriptEnds() {
        assertEquals("\"\\\"x\\\\\\n\\u0001\\u003c/script>\"", Json.write("\"x\\\n\u0001</script>"));
    }

    @Test
    void nonFiniteNumbersBecomeNullAndUnknownObjectsText() {
        assertEquals("[null,null,\"[1, 2]\"]", Json.write(List.of(Double.NaN, Double.POSITIVE_INFINITY,
                new Object() {
                    @Override
                    public String toString() {
                        return Arrays.toString(new int[] {1, 2});
                    }
                })));
    }
}
