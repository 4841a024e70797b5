package org.jbec.scan.standard.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jbec.scan.api.Scan;
import org.jbec.scan.api.ScanRequest;

/** Requests as the scan server hands them over: positional args flattened, kwargs with defaults filled in. */
final class Requests {

    private Requests() {
    }

    /** A scan request with BEC's common acquisition defaults, overridden by {@code kwargs} (name, value pairs). */
    static ScanRequest scan(String name, List<Object> args, Object... kwargs) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("exp_time", 0);
        all.put("frames_per_trigger", 1);
        all.put("settling_time", 0);
        all.put("settling_time_after_trigger", 0);
        all.put("readout_time", 0);
        all.put("burst_at_each_point", 1);
        return request(name, args, all, kwargs);
    }

    /** A request with only the given kwargs (non-scans, time_scan). */
    static ScanRequest plain(String name, List<Object> args, Object... kwargs) {
        return request(name, args, new LinkedHashMap<>(), kwargs);
    }

    private static ScanRequest request(String name, List<Object> args, Map<String, Object> base, Object[] kwargs) {
        for (int i = 0; i < kwargs.length; i += 2) {
            base.put((String) kwargs[i], kwargs[i + 1]);
        }
        return new ScanRequest(name, args, base, Map.of("RID", "rid-1"));
    }

    /** The registered definition's run for the context's request, timed by the context's clock. */
    static Scan create(RecordingScanContext context) {
        String name = context.request().scanName();
        return StandardScans.definitions(context).stream().filter(d -> d.description().name().equals(name))
                .findFirst().orElseThrow().create(context.request());
    }
}
