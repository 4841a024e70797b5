package org.jbec.dap;

/**
 * Peak statistics of a curve. When {@link #problem()} is not null the data could not be analysed
 * (too few points, flat, no finite values ...) and every number is NaN; {@link #note()} explains
 * single values that are NaN (a peak cut off by the scan range has no FWHM and no centre).
 *
 * @param points     finite points analysed
 * @param peakX      x of the highest value
 * @param peakY      the highest value
 * @param minX       x of the lowest value
 * @param minY       the lowest value
 * @param cen        centre of the full width at half maximum (half maximum measured above {@code minY})
 * @param fwhm       full width at half maximum
 * @param com        centre of mass of {@code y - minY}
 * @param edgeX      x of the steepest slope (derivative peak)
 * @param edgeSlope  that slope, dy/dx
 * @param scanFrom   lowest x
 * @param scanTo     highest x
 * @param note       why a single value is NaN, or null
 * @param problem    why the data could not be analysed at all, or null
 */
public record PeakStatistics(int points, double peakX, double peakY, double minX, double minY, double cen,
        double fwhm, double com, double edgeX, double edgeSlope, double scanFrom, double scanTo, String note,
        String problem) {

    /** Statistics that could not be computed, saying why. */
    public static PeakStatistics failed(int points, String problem) {
        double n = Double.NaN;
        return new PeakStatistics(points, n, n, n, n, n, n, n, n, n, n, n, null, problem);
    }

    public boolean ok() {
        return problem == null;
    }

    /** Whether {@code x} lies within the scanned range. */
    public boolean inScannedRange(double x) {
        return ok() && x >= scanFrom && x <= scanTo;
    }
}
