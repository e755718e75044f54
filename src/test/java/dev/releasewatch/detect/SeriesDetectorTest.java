package dev.releasewatch.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SeriesDetector} with its default settings on synthetic series generated here (no shared data): what it must
 * find and what it must leave alone.
 */
class SeriesDetectorTest {

    private static final Instant START = Instant.parse("2015-03-01T00:00:00Z");
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final int DAY = 288;

    /** A 5-minute series with a daily cycle (mean 100, amplitude 40) and normal noise of sd 5. */
    private static IntToDoubleFunction periodic(long seed) {
        Random random = new Random(seed);
        return i -> 100 + 40 * Math.sin(2 * Math.PI * i / DAY) + 5 * random.nextGaussian();
    }

    /** Runs the detector over {@code rows} rows of {@code series}; returns the rows it alerted on. */
    private static List<Integer> alerts(DirectionMode direction, int rows, IntToDoubleFunction series) {
        SeriesDetector detector = SeriesDetector.create(FIVE_MINUTES, direction);
        List<Integer> alerts = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            OnlineSeriesScorer.Score score =
                    detector.next(START.plus(FIVE_MINUTES.multipliedBy(i)), series.applyAsDouble(i));
            assertThat(score.anomalyScore()).isBetween(0.0, 1.0);
            assertThat(score.alert()).isEqualTo(score.anomalyScore() >= 0.5);
            if (score.alert()) {
                alerts.add(i);
            }
        }
        return alerts;
    }

    @Test
    void aPeriodicSeriesWithoutAnomalyRaisesAlarmsOnlyAtTheRateItsThresholdStates() {
        // 5 seeds x 13 days after the first (the warm-up, while the hour-of-day profile is learned): at the default
        // false-alarm probability, 1e-7 per row, about 0.002 alarms are expected by chance over these 18,720 rows;
        // measured 1 (round 3's detector: 1 at 1e-8 to 1e-5, 4 at 1e-4 where 1.9 are expected). A
        // threshold that did not mean its probability would show tens here
        int afterWarmUp = 0;
        for (long seed = 1; seed <= 5; seed++) {
            afterWarmUp += (int) alerts(DirectionMode.BOTH, 14 * DAY, periodic(seed)).stream()
                    .filter(i -> i >= DAY)
                    .count();
        }
        assertThat(afterWarmUp).as("alerts on 65 ordinary days").isLessThanOrEqualTo(2);
    }

    @Test
    void aSpikeIsFoundOnItsRow() {
        int at = 10 * DAY + 100;
        IntToDoubleFunction base = periodic(7);
        List<Integer> alerts = alerts(DirectionMode.BOTH, 12 * DAY, i -> base.applyAsDouble(i) + (i == at ? 60 : 0));

        assertThat(alerts).contains(at);
    }

    @Test
    void aDropToZeroIsFoundOnItsFirstRow() {
        int at = 10 * DAY + 100;
        IntToDoubleFunction base = periodic(11);
        List<Integer> alerts =
                alerts(DirectionMode.DROP, 12 * DAY, i -> i >= at && i < at + 36 ? 0 : base.applyAsDouble(i));

        assertThat(alerts).contains(at).noneMatch(i -> i > at && i < at + 36);
    }

    @Test
    void aSustainedLevelShiftTooSmallForOneRowIsFoundWithinTheLongestSpan() {
        // +3 noise sd from day 10 on: no single row is remarkable (one in 740 rows of normal noise is as far off), nine
        // rows of it are (9-row statistic about 9 sd, less what the level has learned meanwhile). Found 11 rows in;
        // with the long spans' persistence (4 rows) a +2.5 sd shift on this seed is no longer found (at 1 row it was,
        // 10 rows in): the price of that rule, see docs/detector.md
        int at = 10 * DAY + 100;
        IntToDoubleFunction base = periodic(13);
        List<Integer> alerts = alerts(DirectionMode.BOTH, 12 * DAY, i -> base.applyAsDouble(i) + (i >= at ? 15 : 0));

        assertThat(alerts).anyMatch(i -> i >= at && i < at + 16);
        assertThat(alerts)
                .as("one incident, not one per row")
                .filteredOn(i -> i >= at)
                .hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void aHalvingOfACountSeriesIsADropFoundWithinAnHour() {
        // Poisson-like counts around 200 with a daily cycle, halved from day 9 on
        Random random = new Random(17);
        int at = 9 * DAY + 40;
        List<Integer> alerts = alerts(DirectionMode.DROP, 11 * DAY, i -> {
            double mean = 200 * (1 + 0.5 * Math.sin(2 * Math.PI * i / DAY)) * (i >= at ? 0.5 : 1);
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        });

        assertThat(alerts).anyMatch(i -> i >= at && i < at + 12);
    }

    @Test
    void dropOnlyModeIgnoresRises() {
        int at = 10 * DAY + 100;
        IntToDoubleFunction base = periodic(19);
        List<Integer> alerts =
                alerts(DirectionMode.DROP, 12 * DAY, i -> base.applyAsDouble(i) + (i >= at && i < at + 36 ? 200 : 0));

        assertThat(alerts).noneMatch(i -> i >= at && i < at + 36);
    }

    @Test
    void repeatedAndLateTimestampsAndGapsAreAcceptedAndScored() {
        SeriesDetector detector = SeriesDetector.create(FIVE_MINUTES, DirectionMode.BOTH);
        IntToDoubleFunction base = periodic(29);
        for (int i = 0; i < 3 * DAY; i++) {
            // every 100th row repeats the previous timestamp; from row 500 a 6-hour gap shifts the clock
            Instant t = START.plus(FIVE_MINUTES.multipliedBy(i - (i % 100 == 0 ? 1 : 0) + (i >= 500 ? 72 : 0)));
            assertThat(detector.next(t, base.applyAsDouble(i)).anomalyScore()).isBetween(0.0, 1.0);
        }
        assertThat(detector.next(START, Double.NaN)).isEqualTo(new OnlineSeriesScorer.Score(0, false));
    }
}
