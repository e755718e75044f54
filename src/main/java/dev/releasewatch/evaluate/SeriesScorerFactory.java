package dev.releasewatch.evaluate;

import java.time.Duration;

import dev.releasewatch.detect.OnlineSeriesScorer;

/**
 * Creates the detector core for one series, the seam through which {@code evaluate} and {@code evaluate-nab}
 * reach the detector without depending on how it is built. A fresh scorer is created per series: it starts
 * cold and learns only from the rows it is fed.
 */
@FunctionalInterface
public interface SeriesScorerFactory {

    /** Direction value: alert on counts below expectation only. */
    String DROP = "drop";
    /** Direction value: alert on counts above expectation only. */
    String SPIKE = "spike";
    /** Direction value: alert on both. */
    String BOTH = "both";

    /**
     * A new scorer for one series.
     *
     * @param bucket       the width of one row of the series
     * @param dailyPeriod  rows per day, or 0 when the series is too short or too coarse to show one
     * @param weeklyPeriod rows per week, or 0 likewise
     * @param direction    {@value #DROP}, {@value #SPIKE} or {@value #BOTH}
     */
    OnlineSeriesScorer create(Duration bucket, int dailyPeriod, int weeklyPeriod, String direction);

    /** How reports name this detector. */
    default String name() {
        return "release-watch detector";
    }

    /** Creates a scorer for a series with the given cadence. */
    default OnlineSeriesScorer create(SeriesCadence cadence, String direction) {
        return create(cadence.bucket(), cadence.dailyPeriod(), cadence.weeklyPeriod(), direction);
    }
}
