package org.jbec.dap;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A fit model as a plugin: one OSGi service per model, registered with the service property
 * {@value #MODEL_PROPERTY} set to its name (lmfit's class name, e.g. {@code GaussianModel}, which
 * is what BEC clients ask for). The data-processing service fits {@code value} plus an optional
 * {@link Background} by Levenberg-Marquardt least squares.
 */
@ConsumerType
public interface FitModel {

    /** The service property that names a model; the whiteboard keys models by it. */
    String MODEL_PROPERTY = "dap.model";

    /** The model's name, equal to its {@value #MODEL_PROPERTY} property. */
    String name();

    /** One line for users: the formula and what the parameters mean. */
    String description();

    /** Parameter names in the order of the arrays passed to {@link #value}. */
    List<String> parameterNames();

    /** The model at {@code x}; must be finite for finite parameters. */
    double value(double x, double[] parameters);

    /**
     * Starting values for the fit, from the data and their peak statistics (always valid when this
     * is called); the background level has been subtracted already where the model has one.
     *
     * @param curve      the data, sorted by x, finite only
     * @param statistics peak statistics of the same data
     * @param baseline   the background level the fit starts from (0 when fitted without one)
     */
    double[] initialGuess(Curve curve, PeakStatistics statistics, double baseline);

    /** The background used when the caller names none: a constant for peak and step shapes. */
    default Background defaultBackground() {
        return Background.CONSTANT;
    }

    /**
     * Where a background fit starts: the peak's base for peaks; models whose background is not the
     * lowest value (a falling step) override it.
     */
    default double initialBaseline(Curve curve, PeakStatistics statistics) {
        return statistics.minY();
    }

    /**
     * The fitted parameters in their conventional form (widths are reported positive, as the model
     * depends on them only through their square or absolute value).
     */
    default double[] canonical(double[] parameters) {
        return parameters;
    }

    /** Quantities derived from the fitted parameters (fwhm, height ...), by name; none by default. */
    default Map<String, Double> derived(double[] parameters) {
        return Map.of();
    }
}
