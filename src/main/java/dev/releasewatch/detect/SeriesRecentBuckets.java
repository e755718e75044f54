package dev.releasewatch.detect;

/**
 * The last few buckets of a series with their expectations, for judging the totals of several spans ending now.
 *
 * <p>A bucket whose expectation was not known yet (warm-up) is stored as NaN, so a total that reaches back into the
 * warm-up is NaN and no verdict is drawn from it.
 */
final class SeriesRecentBuckets {

    private final long[] observed;
    private final double[] expected;
    private int next;
    private int count;

    /** Room for the last {@code capacity} buckets (at least one). */
    SeriesRecentBuckets(int capacity) {
        this.observed = new long[Math.max(1, capacity)];
        this.expected = new double[observed.length];
    }

    /** Adds the newest bucket, dropping the oldest when full. */
    void push(long x, double expectation) {
        observed[next] = x;
        expected[next] = expectation;
        next = (next + 1) % observed.length;
        count = Math.min(count + 1, observed.length);
    }

    /** Whether every slot holds a bucket. */
    boolean full() {
        return count == observed.length;
    }

    /** Observed total of the last {@code span} buckets (at most the capacity). */
    long observedTotal(int span) {
        long total = 0;
        for (int i = 1; i <= span; i++) {
            total += observed[index(i)];
        }
        return total;
    }

    /** Expected total of the last {@code span} buckets; NaN if any of them had no expectation. */
    double expectedTotal(int span) {
        double total = 0;
        for (int i = 1; i <= span; i++) {
            total += expected[index(i)];
        }
        return total;
    }

    private int index(int back) {
        return Math.floorMod(next - back, observed.length);
    }
}
