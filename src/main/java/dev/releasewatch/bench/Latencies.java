package dev.releasewatch.bench;

import java.util.Arrays;

/**
 * Latency samples in milliseconds, with nearest-rank percentiles (the smallest sample at or above which the share
 * {@code q} of the samples lie): no interpolation, so every figure reported is one that was measured.
 */
public final class Latencies {

    private final long[] sorted;

    /** The samples, in any order. */
    public Latencies(long[] samples) {
        this.sorted = samples.clone();
        Arrays.sort(this.sorted);
    }

    /** The number of samples. */
    public int count() {
        return sorted.length;
    }

    /**
     * The nearest-rank percentile.
     *
     * @param q in (0, 1]
     * @throws IllegalStateException when there are no samples
     */
    public long percentile(double q) {
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("q must be in (0, 1], got " + q);
        }
        if (sorted.length == 0) {
            throw new IllegalStateException("no samples");
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** The largest sample. */
    public long max() {
        return percentile(1);
    }
}
