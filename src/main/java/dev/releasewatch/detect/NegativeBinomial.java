package dev.releasewatch.detect;

/**
 * The count model: a negative binomial with the given mean and dispersion {@code phi}, so that
 * {@code variance = mean + phi * mean^2}. Release counts are over-dispersed (groups publish in packs, whole days run
 * hot or cold), which a Poisson model ignores: it would call a big category's ordinary -10% day impossible.
 *
 * <p>Tails are returned as log10 probabilities, summed term by term from the observation outwards, because the
 * interesting values are far smaller than a double's 1e-308 when a feed of thousands collapses.
 *
 * @param mean       expected count, &gt; 0
 * @param dispersion phi, &gt; 0; the sum of k independent days with the same mean per day has dispersion phi / k
 */
record NegativeBinomial(double mean, double dispersion) {

    private static final double LN10 = Math.log(10);
    private static final double RELATIVE_EPSILON = 1e-15;

    /** log10 P(X &le; k); 0 when k is at or above the mean (a drop test never needs the body of the distribution). */
    double log10LowerTail(long k) {
        if (k >= mean) {
            return 0;
        }
        if (k < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double size = 1 / dispersion;
        double q = mean / (size + mean);
        double sum = 1;
        double term = 1;
        for (long j = k; j > 0; j--) {
            term *= j / ((j - 1 + size) * q);
            sum += term;
            if (term < RELATIVE_EPSILON * sum) {
                break;
            }
        }
        return Math.min(0, (logPmf(k, size, q) + Math.log(sum)) / LN10);
    }

    /** log10 P(X &ge; k); 0 when k is at or below the mean. */
    double log10UpperTail(long k) {
        if (k <= mean) {
            return 0;
        }
        double size = 1 / dispersion;
        double q = mean / (size + mean);
        double sum = 1;
        double term = 1;
        for (long j = k; j < k + 1_000_000; j++) {
            term *= (j + size) / (j + 1) * q;
            sum += term;
            if (term < RELATIVE_EPSILON * sum) {
                break;
            }
        }
        return Math.min(0, (logPmf(k, size, q) + Math.log(sum)) / LN10);
    }

    /** The standard deviation, {@code sqrt(mean + phi * mean^2)}: the width of the band drawn around the mean. */
    double standardDeviation() {
        return Math.sqrt(mean + dispersion * mean * mean);
    }

    /**
     * -log10 of the tail probability in the direction the observation deviates; 0 for an observation equal to the mean.
     */
    double score(long observed) {
        return observed < mean ? -log10LowerTail(observed) : -log10UpperTail(observed);
    }

    private static double logPmf(long k, double size, double q) {
        return LogGamma.of(k + size)
                - LogGamma.of(size)
                - LogGamma.of(k + 1.0)
                + size * Math.log1p(-q)
                + k * Math.log(q);
    }
}
