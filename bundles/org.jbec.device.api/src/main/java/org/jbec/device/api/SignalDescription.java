package org.jbec.device.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ophyd's describe() of one signal.
 *
 * @param source    where the value comes from ({@code SIM:samx}, {@code PV:X12SA-ES1:...})
 * @param dtype     {@code number}, {@code integer}, {@code string}, {@code boolean} or {@code array}
 * @param shape     empty for scalars
 * @param units     engineering units, or empty
 * @param precision display precision, or -1 when unknown
 */
public record SignalDescription(String source, String dtype, List<Integer> shape, String units, int precision) {

    public SignalDescription {
        shape = List.copyOf(shape);
    }

    public static SignalDescription number(String source, String units, int precision) {
        return new SignalDescription(source, "number", List.of(), units, precision);
    }

    /** The wire form, as ophyd's describe() writes it. */
    public Map<String, Object> toWire() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("dtype", dtype);
        m.put("shape", List.copyOf(shape));
        if (!units.isEmpty()) {
            m.put("units", units);
        }
        if (precision >= 0) {
            m.put("precision", (long) precision);
        }
        return m;
    }
}
