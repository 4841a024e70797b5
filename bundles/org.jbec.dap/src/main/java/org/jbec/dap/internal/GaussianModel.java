package org.jbec.dap.internal;

import java.util.List;
import java.util.Map;

import org.jbec.dap.Curve;
import org.jbec.dap.FitModel;
import org.jbec.dap.PeakStatistics;
import org.osgi.service.component.annotations.Component;

/** lmfit's GaussianModel: {@code amplitude} is the area, so the height is amplitude / (sigma √(2π)). */
@Component(service = FitModel.class, property = FitModel.MODEL_PROPERTY + "=GaussianModel")
public final class GaussianModel implements FitModel {

    static final double FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.log(2));
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

    @Override
    public String name() {
        return "GaussianModel";
    }

    @Override
    public String description() {
        return "amplitude / (sigma sqrt(2 pi)) exp(-(x - center)^2 / (2 sigma^2)); amplitude is the area";
    }

    @Override
    public List<String> parameterNames() {
        return List.of("amplitude", "center", "sigma");
    }

    @Override
    public double value(double x, double[] p) {
        double s = Math.abs(p[2]);
        double u = (x - p[1]) / s;
        return p[0] / (s * SQRT_2PI) * Math.exp(-0.5 * u * u);
    }

    @Override
    public double[] initialGuess(Curve curve, PeakStatistics s, double baseline) {
        double sigma = PeakGuess.fwhm(s) / FWHM_PER_SIGMA;
        return new double[] {PeakGuess.height(s, baseline) * sigma * SQRT_2PI, PeakGuess.centre(s), sigma};
    }

    @Override
    public double[] canonical(double[] p) {
        return new double[] {p[0], p[1], Math.abs(p[2])};
    }

    @Override
    public Map<String, Double> derived(double[] p) {
        return Map.of("fwhm", FWHM_PER_SIGMA * p[2], "height", p[0] / (p[2] * SQRT_2PI));
    }
}
