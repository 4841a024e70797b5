package org.jbec.dap.internal;

import java.util.List;
import java.util.Map;

import org.jbec.dap.Curve;
import org.jbec.dap.FitModel;
import org.jbec.dap.PeakStatistics;
import org.osgi.service.component.annotations.Component;

/**
 * lmfit's PseudoVoigtModel: {@code (1 - fraction)} of a Gaussian plus {@code fraction} of a
 * Lorentzian of the same area, centre and FWHM ({@code 2 sigma}).
 */
@Component(service = FitModel.class, property = FitModel.MODEL_PROPERTY + "=PseudoVoigtModel")
public final class PseudoVoigtModel implements FitModel {

    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);
    /** Gaussian sigma per Lorentzian half width, so that both have the same FWHM. */
    private static final double SIGMA_G = 1 / Math.sqrt(2 * Math.log(2));

    @Override
    public String name() {
        return "PseudoVoigtModel";
    }

    @Override
    public String description() {
        return "(1 - fraction) Gaussian + fraction Lorentzian, same amplitude (area), center and fwhm = 2 sigma";
    }

    @Override
    public List<String> parameterNames() {
        return List.of("amplitude", "center", "sigma", "fraction");
    }

    @Override
    public double value(double x, double[] p) {
        double sigma = Math.abs(p[2]);
        double sg = sigma * SIGMA_G;
        double u = (x - p[1]) / sg;
        double gauss = p[0] / (sg * SQRT_2PI) * Math.exp(-0.5 * u * u);
        return (1 - p[3]) * gauss + p[3] * LorentzianModel.lorentzian(x, p[0], p[1], sigma);
    }

    @Override
    public double[] initialGuess(Curve curve, PeakStatistics s, double baseline) {
        double sigma = PeakGuess.fwhm(s) / 2;
        double fraction = 0.5;
        return new double[] {PeakGuess.height(s, baseline) / heightPerArea(sigma, fraction), PeakGuess.centre(s),
                sigma, fraction};
    }

    private static double heightPerArea(double sigma, double fraction) {
        return (1 - fraction) / (sigma * SIGMA_G * SQRT_2PI) + fraction / (Math.PI * sigma);
    }

    @Override
    public double[] canonical(double[] p) {
        return new double[] {p[0], p[1], Math.abs(p[2]), p[3]};
    }

    @Override
    public Map<String, Double> derived(double[] p) {
        return Map.of("fwhm", 2 * p[2], "height", p[0] * heightPerArea(p[2], p[3]));
    }
}
