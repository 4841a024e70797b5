package org.jbec.dap.internal;

import java.util.List;
import java.util.Map;

import org.jbec.dap.Curve;
import org.jbec.dap.FitModel;
import org.jbec.dap.PeakStatistics;
import org.osgi.service.component.annotations.Component;

/** lmfit's LorentzianModel: {@code amplitude} is the area, {@code sigma} the half width at half maximum. */
@Component(service = FitModel.class, property = FitModel.MODEL_PROPERTY + "=LorentzianModel")
public final class LorentzianModel implements FitModel {

    @Override
    public String name() {
        return "LorentzianModel";
    }

    @Override
    public String description() {
        return "amplitude / pi * sigma / ((x - center)^2 + sigma^2); amplitude is the area, fwhm = 2 sigma";
    }

    @Override
    public List<String> parameterNames() {
        return List.of("amplitude", "center", "sigma");
    }

    @Override
    public double value(double x, double[] p) {
        return lorentzian(x, p[0], p[1], Math.abs(p[2]));
    }

    static double lorentzian(double x, double amplitude, double center, double sigma) {
        double d = x - center;
        return amplitude / Math.PI * sigma / (d * d + sigma * sigma);
    }

    @Override
    public double[] initialGuess(Curve curve, PeakStatistics s, double baseline) {
        double sigma = PeakGuess.fwhm(s) / 2;
        return new double[] {PeakGuess.height(s, baseline) * Math.PI * sigma, PeakGuess.centre(s), sigma};
    }

    @Override
    public double[] canonical(double[] p) {
        return new double[] {p[0], p[1], Math.abs(p[2])};
    }

    @Override
    public Map<String, Double> derived(double[] p) {
        return Map.of("fwhm", 2 * p[2], "height", p[0] / (Math.PI * p[2]));
    }
}
