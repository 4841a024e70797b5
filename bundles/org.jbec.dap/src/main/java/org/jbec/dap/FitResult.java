package org.jbec.dap;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of a fit. When {@link #success()} is false, {@link #message()} says why (bad data,
 * no convergence, unknown model) and the numbers are what was reached, possibly nothing.
 *
 * @param model            the model's name
 * @param background       the background fitted with it
 * @param success          whether the optimiser converged to finite parameters
 * @param message          what happened, for users
 * @param parameters       model parameters, then background parameters
 * @param derived          quantities derived from the parameters (fwhm, height ...)
 * @param points           points fitted
 * @param evaluations      model evaluations the optimiser used
 * @param chiSquare        sum of squared residuals
 * @param reducedChiSquare chi-square per degree of freedom
 * @param x                the x values fitted (sorted)
 * @param bestFit          the fitted curve at {@code x}
 */
public record FitResult(String model, Background background, boolean success, String message,
        List<FitParameter> parameters, Map<String, Double> derived, int points, int evaluations, double chiSquare,
        double reducedChiSquare, double[] x, double[] bestFit) {

    /** A fit that could not be made, saying why. */
    public static FitResult failed(String model, Background background, int points, String message) {
        return new FitResult(model, background, false, message, List.of(), Map.of(), points, 0, Double.NaN, Double.NaN,
                new double[0], new double[0]);
    }

    /** The parameter of that name. */
    public Optional<FitParameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
