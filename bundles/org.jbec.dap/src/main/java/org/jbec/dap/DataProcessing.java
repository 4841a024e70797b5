package org.jbec.dap;

import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Peak statistics and fits of one curve. Never throws for bad data: the results say what is wrong.
 */
@ProviderType
public interface DataProcessing {

    /** Peak position and value, centre, FWHM, centre of mass, minimum, steepest edge. */
    PeakStatistics statistics(Curve curve);

    /**
     * Fits a model (by its {@value FitModel#MODEL_PROPERTY} name) plus a background to the curve.
     *
     * @param background null for the model's default
     */
    FitResult fit(String model, Background background, Curve curve);

    /** The names of the models available now. */
    Set<String> models();
}
