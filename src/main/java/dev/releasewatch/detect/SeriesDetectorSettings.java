package dev.releasewatch.detect;

import java.time.Duration;

/**
 * The global parameters of {@link SeriesDetector}. One set serves every series: nothing here is chosen per series.
 *
 * <p>The defaults were chosen on the NAB subset in {@code shared/data/nab} (in-sample); {@code evaluate-nab
 * --cross-validate} measures what that choice is worth on a series left out of the choosing.
 *
 * @param span              the stretch of time whose total is judged (rounded to whole buckets, at least one). Half an
 *                          hour
 *                          on 5-minute buckets: long enough that one noisy bucket of a bursty series is not a verdict,
 *                          short
 *                          enough that a gap or a surge is flagged within the hour. The size of change compared with
 *                          the
 *                          recent extremes is averaged over spans from two thirds to four thirds of it
 * @param maxPValue         tail probability of the count model a span needs to open an incident
 * @param minRelativeChange relative change of the span against its expectation needed to open an incident
 * @param pseudoCount       added to observed and expected before taking their log ratio, the size of a change that is
 *                          compared with the series' recent extremes; it keeps a 0-to-3 flicker of a tiny series from
 *                          looking like a hundredfold surge
 * @param memoryDays        days of recorded extremes a span must outdo (at least 2)
 */
public record SeriesDetectorSettings(
        Duration span, double maxPValue, double minRelativeChange, double pseudoCount, int memoryDays) {

    /** The defaults: 30-minute spans, p &le; 1e-4, a change of at least 50%, pseudo-count 10, 14 days of extremes. */
    public static final SeriesDetectorSettings DEFAULTS =
            new SeriesDetectorSettings(Duration.ofMinutes(30), 1e-4, 0.5, 10, 14);

    /** Rejects values that make no detector. */
    public SeriesDetectorSettings {
        if (span.isZero() || span.isNegative()) {
            throw new IllegalArgumentException("span must be positive: " + span);
        }
        if (!(maxPValue > 0 && maxPValue < 1)) {
            throw new IllegalArgumentException("maxPValue must lie in (0, 1): " + maxPValue);
        }
        if (minRelativeChange < 0 || pseudoCount < 0) {
            throw new IllegalArgumentException("minRelativeChange and pseudoCount must not be negative");
        }
        if (memoryDays < 2) {
            throw new IllegalArgumentException("memoryDays must be at least 2: " + memoryDays);
        }
    }

    /** The same settings with another span. */
    public SeriesDetectorSettings withSpan(Duration newSpan) {
        return new SeriesDetectorSettings(newSpan, maxPValue, minRelativeChange, pseudoCount, memoryDays);
    }

    /** The same settings with another pseudo-count. */
    public SeriesDetectorSettings withPseudoCount(double newPseudoCount) {
        return new SeriesDetectorSettings(span, maxPValue, minRelativeChange, newPseudoCount, memoryDays);
    }

    /** The same settings with another memory. */
    public SeriesDetectorSettings withMemoryDays(int newMemoryDays) {
        return new SeriesDetectorSettings(span, maxPValue, minRelativeChange, pseudoCount, newMemoryDays);
    }

    /** Buckets per span for a given bucket: the span rounded to whole buckets, at least one. */
    int spanBuckets(Duration bucket) {
        return (int) Math.max(1, Math.round((double) span.toMillis() / bucket.toMillis()));
    }
}
