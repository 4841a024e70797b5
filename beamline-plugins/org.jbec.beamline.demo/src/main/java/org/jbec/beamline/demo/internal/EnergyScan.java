package org.jbec.beamline.demo.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jbec.scan.api.ArgType;
import org.jbec.scan.api.InstructionStatus;
import org.jbec.scan.api.Scan;
import org.jbec.scan.api.ScanContext;
import org.jbec.scan.api.ScanDefinition;
import org.jbec.scan.api.ScanDescription;
import org.jbec.scan.api.ScanParameter;
import org.jbec.scan.api.ScanRequest;
import org.osgi.service.component.annotations.Component;

/**
 * {@code energy_scan START STOP STEPS [--mono mono] [--exp_time T]}: the monochromator's energy from
 * START to STOP keV in STEPS points, reading the monitored devices at each. A beamline's own scan: it
 * uses the scan actions only, like the standard scans.
 */
@Component(property = "scan.name=energy_scan")
public final class EnergyScan implements ScanDefinition {

    static final ScanDescription DESCRIPTION = new ScanDescription("energy_scan", "EnergyScan", true, false, Map.of(),
            0, 0, null, List.of(), "Scans the monochromator energy (keV) and reads the monitored devices at each point.",
            List.of(ScanParameter.required("start", ArgType.FLOAT).above(0),
                    ScanParameter.required("stop", ArgType.FLOAT).above(0),
                    ScanParameter.required("steps", ArgType.INT).atLeast(2),
                    ScanParameter.keyword("mono", ArgType.STR, "mono"),
                    ScanParameter.keyword("exp_time", ArgType.FLOAT, 0.0).atLeast(0)));

    @Override
    public ScanDescription description() {
        return DESCRIPTION;
    }

    @Override
    public Scan create(ScanRequest request) {
        double start = request.number(0);
        double stop = request.number(1);
        int steps = request.integer(2);
        String mono = request.string("mono");
        double expTime = request.number("exp_time");
        return new Scan() {
            private double[] energies;
            private InstructionStatus preMove;
            private InstructionStatus baseline;

            @Override
            public void prepare(ScanContext scan) {
                scan.scanReportDevices(List.of(mono));
                energies = new double[steps];
                for (int i = 0; i < steps; i++) {
                    energies[i] = start + (stop - start) * i / (steps - 1);
                }
                scan.checkLimits(mono, energies);
                scan.plan(steps, steps);
                scan.reportInstruction(Map.of("scan_progress", Map.of("points", steps, "show_table", true)));
                preMove = scan.move(target(energies[0]), false);
                baseline = scan.readBaseline();
            }

            private Map<String, Double> target(double energy) {
                Map<String, Double> t = new LinkedHashMap<>();
                t.put(mono, energy);
                return t;
            }

            @Override
            public void preScan(ScanContext scan) {
                preMove.await();
                scan.preScan().await();
            }

            @Override
            public void core(ScanContext scan) {
                for (int i = 0; i < steps; i++) {
                    if (i > 0) {
                        scan.move(target(energies[i]), false).await();
                    }
                    scan.trigger().await();
                    if (expTime > 0) {
                        scan.sleep(expTime);
                    }
                    scan.readMonitored();
                }
            }

            @Override
            public void close(ScanContext scan) {
                baseline.await();
                scan.closeScan();
            }
        };
    }
}
