package org.jbec.scan.standard.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.jbec.scan.api.Scan;
import org.jbec.scan.api.ScanDefinition;
import org.jbec.scan.api.ScanDescription;
import org.jbec.scan.api.ScanException;
import org.jbec.scan.api.ScanRequest;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Offers BEC's standard scans to the scan server: one {@link ScanDefinition} service per scan,
 * with the property {@code scan.name}. Registered from one component because the scans share this
 * bundle's life: they come and go together when the bundle is updated.
 */
@Component(immediate = true)
public final class StandardScans {

    private final List<ServiceRegistration<ScanDefinition>> registrations = new ArrayList<>();

    @Activate
    public StandardScans(BundleContext context) {
        for (StandardScan definition : definitions(System::nanoTime)) {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("scan.name", definition.description().name());
            registrations.add(context.registerService(ScanDefinition.class, definition, properties));
        }
    }

    @Deactivate
    void stop() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }

    /** Every described scan with its implementation; {@code clock} in nanoseconds times the exposures. */
    static List<StandardScan> definitions(LongSupplier clock) {
        List<StandardScan> out = new ArrayList<>();
        for (ScanDescription description : StandardScanDescriptions.all()) {
            out.add(new StandardScan(description, factory(description.name(), clock)));
        }
        return out;
    }

    private static Function<ScanRequest, Scan> factory(String name, LongSupplier clock) {
        return switch (name) {
            case "line_scan" -> r -> new StepScans.Line(r, clock);
            case "grid_scan" -> r -> new StepScans.Grid(r, clock);
            case "log_scan" -> r -> new StepScans.Log(r, clock);
            case "list_scan" -> r -> new StepScans.ListScan(r, clock);
            case "fermat_scan" -> r -> new StepScans.Fermat(r, clock);
            case "round_scan" -> r -> new StepScans.Round(r, clock);
            case "round_roi_scan" -> r -> new StepScans.RoundRoi(r, clock);
            case "hexagonal_scan" -> r -> new StepScans.Hexagonal(r, clock);
            case "multi_region_line_scan" -> r -> new StepScans.MultiRegionLine(r, clock);
            case "multi_region_grid_scan" -> r -> new StepScans.MultiRegionGrid(r, clock);
            case "time_scan" -> r -> ReadoutScan.timeScan(r, clock);
            case "acquire" -> r -> ReadoutScan.acquire(r, clock);
            case "mv" -> r -> new Move(r, false);
            case "umv" -> r -> new Move(r, true);
            case "device_rpc" -> DeviceRpc::new;
            case "cont_line_scan" -> r -> new ContinuousLineScan(r, clock);
            case "line_sweep_scan" -> r -> new LineSweepScan(r, clock);
            default -> throw new IllegalStateException("no implementation for the described scan " + name);
        };
    }
}
