package org.jbec.dap.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jbec.dap.Curve;
import org.jbec.dap.FitResult;

/**
 * Runs one lmfit-style request: picks the data (given arrays, or a scan's signal against its
 * motor), limits it to {@code x_min..x_max}, fits, and builds BEC's {@code [curve, report]}.
 */
final class FitRunner {

    private final ScanDataStore scans;
    private final ModelWhiteboard dap;

    FitRunner(ScanDataStore scans, ModelWhiteboard dap) {
        this.scans = scans;
        this.dap = dap;
    }

    /** @throws DapProblem naming the field or saying why the fit failed */
    List<Object> onDemand(DapRequest request) {
        double[] dataX = request.array("data_x");
        double[] dataY = request.array("data_y");
        if (dataX != null || dataY != null) {
            if (dataX == null || dataY == null) {
                throw new DapProblem("config.kwargs." + (dataX == null ? "data_x" : "data_y")
                        + ": missing; data_x and data_y go together");
            }
            if (dataX.length != dataY.length) {
                throw new DapProblem("config.kwargs.data_y: " + dataY.length + " values but data_x has " + dataX.length);
            }
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("parameters", null);
            return fit(request, new Curve(dataX, dataY), input);
        }
        String scanId = request.text("scan_item");
        if (scanId == null) {
            throw new DapProblem("config.kwargs.scan_item: missing; give a scan id, or data_x and data_y");
        }
        return fitScan(request, scans.byId(scanId));
    }

    /** Fits the requested signal of a scan. @throws DapProblem as {@link #onDemand} */
    List<Object> fitScan(DapRequest request, ScanRecord scan) {
        String[] y = request.selectedY();
        if (y[0] == null && y[1] == null) {
            throw new DapProblem("config.kwargs.device_y: missing; name the signal to fit");
        }
        String axis = request.text("signal_x") != null ? request.text("signal_x") : request.text("device_x");
        SignalChoice choice = SignalChoice.of(scan, axis, y[1] != null ? y[1] : y[0]);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("scan_id", scan.scanId());
        input.put("device_x", request.text("device_x") != null ? request.text("device_x") : choice.axis());
        input.put("signal_x", choice.axis());
        input.put("device_y", y[0] != null ? y[0] : choice.signal());
        input.put("signal_y", choice.signal());
        input.put("parameters", null);
        return fit(request, choice.curve(), input);
    }

    private List<Object> fit(DapRequest request, Curve all, Map<String, Object> input) {
        double xMin = request.number("x_min", Double.NEGATIVE_INFINITY);
        double xMax = request.number("x_max", Double.POSITIVE_INFINITY);
        double oversample = request.number("oversample", 1);
        if (!(oversample >= 1 && oversample <= 100)) {
            throw new DapProblem("config.kwargs.oversample: must be 1 to 100, not " + oversample);
        }
        Curve curve = within(all, xMin, xMax);
        FitResult fit = dap.fit(request.model(), request.background(), curve);
        if (!fit.success()) {
            throw new DapProblem(fit.message());
        }
        boolean limited = curve.size() != all.size();
        double[] x = fit.x();
        double[] y = fit.bestFit();
        if (limited || oversample != 1) {
            // as BEC: the fitted curve over the whole scanned range, oversampled
            double[] finite = Arrays.stream(all.x()).filter(Double::isFinite).toArray();
            double lo = Arrays.stream(finite).min().orElse(0);
            double hi = Arrays.stream(finite).max().orElse(0);
            int n = Math.max(2, (int) (finite.length * oversample));
            x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = lo + (hi - lo) * i / (n - 1);
            }
            y = dap.evaluate(fit, x).orElse(new double[n]);
        }
        if (request.kwargs().get("parameters") != null) {
            input.put("parameters_ignored", "parameter overrides are not supported yet");
        }
        return FitReport.data(FitReport.curve(x, y), FitReport.report(fit, input));
    }

    private static Curve within(Curve curve, double lo, double hi) {
        if (lo == Double.NEGATIVE_INFINITY && hi == Double.POSITIVE_INFINITY) {
            return curve;
        }
        double[] x = curve.x();
        int[] keep = java.util.stream.IntStream.range(0, x.length).filter(i -> x[i] >= lo && x[i] <= hi).toArray();
        return new Curve(Arrays.stream(keep).mapToDouble(i -> x[i]).toArray(),
                Arrays.stream(keep).mapToDouble(i -> curve.y()[i]).toArray());
    }
}
