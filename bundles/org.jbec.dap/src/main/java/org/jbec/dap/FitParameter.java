package org.jbec.dap;

/**
 * A fitted parameter with its standard error: the square root of its variance in the covariance
 * at the optimum scaled by the reduced chi-square (as lmfit reports it); NaN when the data do not
 * determine it.
 */
public record FitParameter(String name, double value, double stderr) {
}
