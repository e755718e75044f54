package dev.releasewatch.detect;

/**
 * ln Gamma(x) for x &gt; 0 (Lanczos, g = 7, 9 terms; relative error below 1e-14), so the core needs no maths library.
 */
final class LogGamma {

    private static final double[] COEFFICIENTS = {
        0.99999999999980993,
        676.5203681218851,
        -1259.1392167224028,
        771.32342877765313,
        -176.61502916214059,
        12.507343278686905,
        -0.13857109526572012,
        9.9843695780195716e-6,
        1.5056327351493116e-7
    };
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private LogGamma() {}

    static double of(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - of(1 - x);
        }
        double z = x - 1;
        double a = COEFFICIENTS[0];
        double t = z + 7.5;
        for (int i = 1; i < COEFFICIENTS.length; i++) {
            a += COEFFICIENTS[i] / (z + i);
        }
        return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
    }
}
