package org.jbec.web.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jbec.bus.api.message.DAPResponseMessage;
import org.jbec.bus.api.message.NdArray;

/** What the page needs of a DAP answer: the fitted curve and the parameters, bounded and plain. */
final class FitAnswer {

    private FitAnswer() {
    }

    static Map<String, Object> of(DAPResponseMessage response) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (response.data() instanceof List<?> data && data.size() == 2) {
            if (data.get(0) instanceof Map<?, ?> curve) {
                out.put("x", numbers(curve.get("x")));
                out.put("y", numbers(curve.get("y")));
            }
            if (data.get(1) instanceof Map<?, ?> report && report.get("fit_parameters") instanceof Map<?, ?> params) {
                Map<String, Object> parameters = new LinkedHashMap<>();
                params.forEach((name, value) -> {
                    if (value instanceof Number n && parameters.size() < 20) {
                        parameters.put(BusValues.clip(String.valueOf(name)), n.doubleValue());
                    }
                });
                out.put("parameters", parameters);
            }
        }
        if (!(out.get("x") instanceof List<?> x) || x.isEmpty()) {
            out.put("error", "the data-processing service answered without a curve");
        }
        return out;
    }

    private static List<Double> numbers(Object values) {
        if (values instanceof NdArray array) { // the curve comes as a numpy array, as from BEC's DAP
            try {
                return java.util.Arrays.stream(array.toDoubles()).limit(LiveState.MAX_POINTS).boxed().toList();
            } catch (RuntimeException e) {
                return List.of(); // not numeric: no curve
            }
        }
        if (!(values instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().limit(LiveState.MAX_POINTS).map(v -> v instanceof Number n ? n.doubleValue() : Double.NaN)
                .toList();
    }
}
