package org.jbec.beamline.demo.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jbec.file.api.NexusContribution;
import org.jbec.file.api.Reading;
import org.jbec.file.api.ScanFile;
import org.osgi.service.component.annotations.Component;

/**
 * The demo beamline's group in every NeXus file: {@code /entry/demo_beamline} (NXcollection) with the
 * slit and the monochromator energy as the scan's baseline found them, or at the first point when the
 * scan moved them.
 */
@Component
public final class DemoBeamlineGroup implements NexusContribution {

    @Override
    public String group() {
        return "demo_beamline";
    }

    @Override
    public String nxClass() {
        return "NXcollection";
    }

    @Override
    public Map<String, Object> content(ScanFile scan) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("beamline", "jBEC demo beamline");
        for (String device : new String[] {"slit_gap", "slit_centre", "mono"}) {
            Map<String, Reading> signals = scan.baseline().get(device);
            Reading r = signals == null ? null : signals.get(device);
            if (r != null && r.value() != null) {
                out.put(device, r.value());
                continue;
            }
            Map<String, org.jbec.file.api.Column> columns = scan.monitored().get(device);
            org.jbec.file.api.Column c = columns == null ? null : columns.get(device);
            if (c != null && c.values() instanceof double[] values && values.length > 0) {
                out.put(device, values[0]);
            }
        }
        return out;
    }
}
