package dev.releasewatch.evaluate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The time grid of a count series: its bucket and its daily and weekly periods counted in buckets, inferred
 * from the timestamps when not given.
 *
 * <p>The bucket is the most common step between consecutive timestamps, not the smallest: real series have
 * gaps (missing rows) and the odd jittered row, and neither should change the grid. A period is only reported
 * when the series covers at least two full cycles of it, since a seasonal profile learned from less than that
 * is a guess; it is then 0, meaning "none", and the detector must do without it.
 *
 * @param bucket       the width of one row
 * @param dailyPeriod  buckets per day, or 0 when the series is too short or the bucket too coarse for one
 * @param weeklyPeriod buckets per week, or 0 likewise
 */
public record SeriesCadence(Duration bucket, int dailyPeriod, int weeklyPeriod) {

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration WEEK = Duration.ofDays(7);
    private static final int CYCLES_NEEDED = 2;

    /** Rejects a non-positive bucket or negative periods. */
    public SeriesCadence {
        if (bucket.isZero() || bucket.isNegative()) {
            throw new IllegalArgumentException("bucket must be positive: " + bucket);
        }
        if (dailyPeriod < 0 || weeklyPeriod < 0) {
            throw new IllegalArgumentException("periods must not be negative: " + dailyPeriod + ", " + weeklyPeriod);
        }
    }

    /**
     * Infers the cadence of a series.
     *
     * @param timestamps     the series' timestamps, in file order: repeated and out-of-order ones are allowed (the
     *                       steps that do not go forward are not counted, and the span covered is from the earliest
     *                       to the latest)
     * @param bucketOverride the bucket to use instead of inferring one (e.g. from {@code --bucket PT5M}), or
     *                       {@code null}
     * @throws IllegalArgumentException when there is no override and fewer than two rows to infer a step from
     */
    public static SeriesCadence infer(List<Instant> timestamps, Duration bucketOverride) {
        Duration bucket = bucketOverride != null ? bucketOverride : mostCommonStep(timestamps);
        long coveredBuckets = timestamps.isEmpty()
                ? 0
                : Duration.between(
                                        timestamps.stream()
                                                .min(Instant::compareTo)
                                                .orElseThrow(),
                                        timestamps.stream()
                                                .max(Instant::compareTo)
                                                .orElseThrow())
                                .dividedBy(bucket)
                        + 1;
        return new SeriesCadence(bucket, period(DAY, bucket, coveredBuckets), period(WEEK, bucket, coveredBuckets));
    }

    /** The period in buckets (rounded when the bucket does not divide it), or 0 when it is not observable. */
    private static int period(Duration period, Duration bucket, long coveredBuckets) {
        long buckets = Math.round((double) period.toNanos() / bucket.toNanos());
        if (buckets < 2 || coveredBuckets < CYCLES_NEEDED * buckets || buckets > Integer.MAX_VALUE) {
            return 0;
        }
        return (int) buckets;
    }

    private static Duration mostCommonStep(List<Instant> timestamps) {
        Map<Duration, Integer> stepCounts = new TreeMap<>();
        for (int i = 1; i < timestamps.size(); i++) {
            Duration step = Duration.between(timestamps.get(i - 1), timestamps.get(i));
            if (!step.isNegative() && !step.isZero()) {
                stepCounts.merge(step, 1, Integer::sum);
            }
        }
        if (stepCounts.isEmpty()) {
            throw new IllegalArgumentException("cannot infer a bucket: no two rows with increasing timestamps among "
                    + timestamps.size() + " row(s); give one with --bucket");
        }
        Duration best = null;
        int bestCount = 0;
        for (Map.Entry<Duration, Integer> entry : stepCounts.entrySet()) {
            if (entry.getValue() > bestCount) {
                best = entry.getKey();
                bestCount = entry.getValue();
            }
        }
        return best;
    }
}
