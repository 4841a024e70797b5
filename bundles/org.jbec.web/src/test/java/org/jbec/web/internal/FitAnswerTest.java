package org.jbec.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.jbec.bus.api.message.DAPResponseMessage;
import org.jbec.bus.api.message.NdArray;
import org.junit.jupiter.api.Test;

class FitAnswerTest {

    @Test
    void curveAsNumpyArrayAndParametersReachThePage() {
        var data = List.of(Map.of("x", NdArray.of(new double[] {0, 1, 2}), "y", NdArray.of(new double[] {1, 4, 1})),
                Map.of("fit_parameters", Map.of("center", 1.0, "label", "not a number")));
        Map<String, Object> answer = FitAnswer.of(new DAPResponseMessage(Map.of(), true, data, null, null));
        assertEquals(List.of(0.0, 1.0, 2.0), answer.get("x"));
        assertEquals(List.of(1.0, 4.0, 1.0), answer.get("y"));
        assertEquals(Map.of("center", 1.0), answer.get("parameters"));
    }

    @Test
    void anAnswerWithoutACurveIsAnErrorForThePage() {
        Map<String, Object> answer = FitAnswer.of(new DAPResponseMessage(Map.of(), true, List.of("junk", 3), null, null));
        assertEquals("the data-processing service answered without a curve", answer.get("error"));
    }
}
