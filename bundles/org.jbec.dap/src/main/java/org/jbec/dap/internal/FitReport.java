package org.jbec.dap.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jbec.dap.FitParameter;
import org.jbec.dap.FitResult;

/**
 * A fit as BEC's lmfit service reports it: the fitted curve {@code {x, y}} and a report with
 * {@code input}, {@code fit_parameters} (name → value) and {@code fit_summary}. lmfit's summary is
 * its own object dump; here it holds the same figures under lmfit's names (chisqr, redchi, nfev,
 * ndata, nvarys, success, message) plus the standard errors and derived values.
 */
final class FitReport {

    private FitReport() {
    }

    /** {@code [curve, report]}, the tuple BEC's DAPResponseMessage.data carries. */
    static List<Object> data(Map<String, Object> curve, Map<String, Object> report) {
        List<Object> data = new ArrayList<>();
        data.add(curve);
        data.add(report);
        return data;
    }

    static Map<String, Object> curve(double[] x, double[] y) {
        Map<String, Object> curve = new LinkedHashMap<>();
        curve.put("x", x);
        curve.put("y", y);
        return curve;
    }

    static Map<String, Object> report(FitResult fit, Map<String, Object> input) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> errors = new LinkedHashMap<>();
        for (FitParameter p : fit.parameters()) {
            values.put(p.name(), p.value());
            errors.put(p.name(), p.stderr());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("model", fit.model());
        summary.put("background", fit.background().name().toLowerCase(java.util.Locale.ROOT));
        summary.put("success", fit.success());
        summary.put("message", fit.message());
        summary.put("nfev", (long) fit.evaluations());
        summary.put("ndata", (long) fit.points());
        summary.put("nvarys", (long) fit.parameters().size());
        summary.put("chisqr", fit.chiSquare());
        summary.put("redchi", fit.reducedChiSquare());
        summary.put("stderr", errors);
        summary.put("derived", new LinkedHashMap<String, Object>(fit.derived()));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("input", input);
        report.put("fit_parameters", values);
        report.put("fit_summary", summary);
        return report;
    }
}
