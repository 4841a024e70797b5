package org.jbec.dap.internal;

import org.jbec.dap.PeakStatistics;

/** Starting widths and centres of peak models from the statistics. */
final class PeakGuess {

    private PeakGuess() {
    }

    /** The FWHM, or a sixth of the scan when the peak is cut off (no FWHM). */
    static double fwhm(PeakStatistics s) {
        return Double.isFinite(s.fwhm()) && s.fwhm() > 0 ? s.fwhm() : (s.scanTo() - s.scanFrom()) / 6;
    }

    /** The centre of the FWHM, else the highest point. */
    static double centre(PeakStatistics s) {
        return Double.isFinite(s.cen()) ? s.cen() : s.peakX();
    }

    /** The peak's height above the baseline the fit starts from. */
    static double height(PeakStatistics s, double baseline) {
        return s.peakY() - baseline;
    }
}
