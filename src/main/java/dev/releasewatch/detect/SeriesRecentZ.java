package dev.releasewatch.detect;

/**
 * The last {@value #CAPACITY} z-scores of a series (its residuals over its scale), newest last: what the spans of
 * {@link SeriesDetector} are summed from.
 */
final class SeriesRecentZ {

    /** The longest span that can be judged. */
    static final int CAPACITY = 27;

    private final double[] z = new double[CAPACITY];
    private int count;
    private int next;

    /** Appends the newest z-score, forgetting the oldest once full. */
    void push(double value) {
        z[next] = value;
        next = (next + 1) % CAPACITY;
        count = Math.min(count + 1, CAPACITY);
    }

    /** How many z-scores are held (at most {@value #CAPACITY}). */
    int count() {
        return count;
    }

    /** Sum of the last {@code span} z-scores over sqrt(span): standard normal for independent normal errors. */
    double statistic(int span) {
        return sum(0, span) / Math.sqrt(span);
    }

    /**
     * Whether the deviation of the last {@code span} rows is spread over them rather than concentrated in part of them:
     * each third of the span (a span of 3, 9 or 27 rows has thirds of 1, 3 or 9 rows) holds, in the direction of the
     * span's sum, more than {@code share} of an even third of that sum. With share 0, every third deviates the same
     * way. A span that cannot be cut in thirds (one row) is always spread.
     *
     * <p>Why: a longer span is judged to find a shift too small to show in fewer rows. A burst the shorter spans saw
     * and let pass weighs in the longer sum for as long as the span holds it, and the longer span's tail, learned
     * mostly from calm rows, can call it improbable; but it is not the sustained shift the longer span is there for.
     */
    boolean spread(int span, double share) {
        if (span < 3) {
            return true;
        }
        int third = span / 3;
        double total = sum(0, span);
        double sign = Math.signum(total);
        double evenThird = Math.abs(total) / 3;
        for (int part = 0; part < 3; part++) {
            if (!(sign * sum(part * third, third) > share * evenThird)) {
                return false;
            }
        }
        return true;
    }

    /** Sum of {@code rows} z-scores, skipping the {@code skip} newest. */
    private double sum(int skip, int rows) {
        double sum = 0;
        for (int back = skip + 1; back <= skip + rows; back++) {
            sum += z[Math.floorMod(next - back, CAPACITY)];
        }
        return sum;
    }
}
