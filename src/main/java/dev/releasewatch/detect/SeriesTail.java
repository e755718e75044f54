package dev.releasewatch.detect;

import java.util.Arrays;

/**
 * The upper tail of one non-negative statistic of a series, learned from its own recent values: the level that the
 * statistic exceeds with a given probability per row.
 *
 * <p>Peaks over threshold (extreme value theory, as in Siffer et al., "Anomaly detection in streams with extreme value
 * theory", KDD 2017): the values above the recent {@value #TOP_PERCENT}% quantile {@code t} are fitted with a
 * generalised Pareto distribution (method of moments), and the level exceeded with probability {@code p} is {@code t +
 * (s/k) ((p N / n)^-k - 1)}, with {@code N} values in memory of which {@code n} exceed {@code t}. This needs no
 * assumption on the shape of the series' noise: a bursty series gets a heavy tail and a high level, a quiet one a low
 * level. The level is never below {@code floor} (the same probability under a standard normal), so a series that has
 * been nearly constant does not alarm on its first wobble.
 *
 * <p>The fit is redone every {@value #REFIT_EVERY} rows; between fits the level stays.
 */
final class SeriesTail {

    static final int TOP_PERCENT = 2;
    private static final int MIN_EXCEEDANCES = 10;
    /** Fewer values than this and there is no tail yet: {@link #level()} is infinite. */
    static final int MIN_VALUES = 200;

    private static final int REFIT_EVERY = 32;

    private final double probability;
    private final double floor;
    private final double[] values;
    private final boolean winsorised;
    private int next;
    private int count;
    private int sinceFit;
    private double level = Double.POSITIVE_INFINITY;
    private double routine = Double.POSITIVE_INFINITY;

    /**
     * @param probability the probability per row of exceeding {@link #level()}
     * @param memory      how many recent values the tail is learned from
     * @param winsorised  whether a value above the level is remembered as the level (see {@link #add})
     */
    SeriesTail(double probability, int memory, boolean winsorised) {
        if (!(probability > 0 && probability < 1)) {
            throw new IllegalArgumentException("probability must lie in (0, 1): " + probability);
        }
        this.probability = probability;
        this.floor = SeriesNormal.upperQuantile(probability);
        this.values = new double[Math.max(MIN_VALUES, memory)];
        this.winsorised = winsorised;
    }

    /**
     * Adds a value (non-negative); the level is refitted every few values.
     *
     * <p>Winsorised, a value above the level is remembered as the level: the tail is learned from what the series does
     * when it behaves, and one incident, however huge, does not raise the bar for the next. The price: bursts that a
     * series makes routinely but that exceed the level keep alarming. Not winsorised, the tail learns those bursts, and
     * an incident raises the bar for a while. Which is better on NAB is a setting chosen by cross-validation (see
     * {@code docs/detector.md}).
     */
    void add(double value) {
        values[next] = winsorised ? Math.min(value, level) : value;
        next = (next + 1) % values.length;
        count = Math.min(count + 1, values.length);
        if (count >= MIN_VALUES && ++sinceFit >= REFIT_EVERY) {
            sinceFit = 0;
            fit();
        }
    }

    /** The level exceeded with the configured probability per row; infinite while fewer than 200 values are known. */
    double level() {
        return level;
    }

    /** The top-{@value #TOP_PERCENT}% quantile of the recent values: above it a value is not routine. */
    double routine() {
        return routine;
    }

    private void fit() {
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int exceedances = Math.max(MIN_EXCEEDANCES, count * TOP_PERCENT / 100);
        double t = sorted[count - exceedances - 1];
        double mean = 0;
        for (int i = count - exceedances; i < count; i++) {
            mean += sorted[i] - t;
        }
        mean /= exceedances;
        double var = 0;
        for (int i = count - exceedances; i < count; i++) {
            double d = sorted[i] - t - mean;
            var += d * d;
        }
        var /= exceedances - 1;
        routine = t;
        double ratio = probability * count / exceedances;
        double quantile;
        if (mean <= 0) {
            quantile = t;
        } else if (var <= 0) {
            quantile = t - mean * Math.log(ratio);
        } else {
            double shape = 0.5 * (1 - mean * mean / var);
            double scale = 0.5 * mean * (1 + mean * mean / var);
            quantile = Math.abs(shape) < 1e-6
                    ? t - scale * Math.log(ratio)
                    : t + scale / shape * (Math.pow(ratio, -shape) - 1);
        }
        level = Math.max(floor, Math.max(t, quantile));
    }
}
