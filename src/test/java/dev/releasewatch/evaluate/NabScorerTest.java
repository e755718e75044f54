package dev.releasewatch.evaluate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Hand-made tiny series with known windows. Expected values use sigma(y) = -tanh(5y/2), an identity of NAB's
 * 2 / (1 + e^(5y)) - 1, so they are not the scorer's own formula restated.
 */
class NabScorerTest {

    private static final NabProfile STANDARD = new NabProfile("standard", 1.0, 0.11, 1.0);
    private static final NabProfile LOW_FN = new NabProfile("reward_low_FN_rate", 1.0, 0.11, 2.0);
    private static final double EXACT = 1e-12;

    /** 20 rows: probation is floor(0.15 * 20) = 3 rows; one window on rows 10..14. */
    private static final int ROWS = 20;

    private static final List<RowWindow> WINDOW_10_TO_14 = List.of(new RowWindow(10, 14));

    private static boolean[] detectionsAt(int... rows) {
        boolean[] detections = new boolean[ROWS];
        for (int row : rows) {
            detections[row] = true;
        }
        return detections;
    }

    private static NabScore standard(List<RowWindow> windows, int... rows) {
        return new NabScorer(STANDARD).score(ROWS, windows, detectionsAt(rows));
    }

    @Test
    void shouldEarnTheFullTruePositiveWeightOnTheWindowsFirstRow() {
        NabScore score = standard(WINDOW_10_TO_14, 10);

        assertThat(score.raw()).isCloseTo(1.0, within(EXACT));
        assertThat(score.counts()).isEqualTo("1/0/0");
        assertThat(score.normalised(STANDARD)).isCloseTo(100.0, within(EXACT));
    }

    @Test
    void shouldEarnLessForALateDetectionOnTheWindowsLastRow() {
        // y = -(14 - 14 + 1) / 5 = -0.2
        assertThat(standard(WINDOW_10_TO_14, 14).raw()).isCloseTo(Math.tanh(0.5) / Math.tanh(2.5), within(EXACT));
    }

    @Test
    void shouldCountOnlyTheEarliestDetectionInAWindow() {
        // row 11: y = -(14 - 11 + 1) / 5 = -0.8; row 12 earns nothing more and is no false positive
        NabScore score = standard(WINDOW_10_TO_14, 11, 12, 13);

        assertThat(score.raw()).isCloseTo(Math.tanh(2.0) / Math.tanh(2.5), within(EXACT));
        assertThat(score.counts()).isEqualTo("1/0/0");
    }

    @Test
    void shouldCostTheFalseNegativeWeightForAMissedWindow() {
        NabScore score = standard(WINDOW_10_TO_14);

        assertThat(score.raw()).isCloseTo(-1.0, within(EXACT));
        assertThat(score.counts()).isEqualTo("0/1/0");
        assertThat(score.normalised(STANDARD)).isCloseTo(0.0, within(EXACT));
    }

    @Test
    void shouldCostTheFullFalsePositiveWeightBeforeTheFirstWindow() {
        NabScore score = standard(WINDOW_10_TO_14, 5, 10);

        assertThat(score.raw()).isCloseTo(1.0 - 0.11, within(EXACT));
        assertThat(score.counts()).isEqualTo("1/0/1");
    }

    @Test
    void shouldIgnoreDetectionsInTheProbationaryPeriod() {
        NabScore score = standard(WINDOW_10_TO_14, 0, 1, 2);

        assertThat(score.raw()).isCloseTo(-1.0, within(EXACT));
        assertThat(score.counts()).isEqualTo("0/1/0");
        assertThat(standard(WINDOW_10_TO_14, 3).falsePositives())
                .as("row 3 is past probation")
                .isEqualTo(1);
    }

    @Test
    void shouldCostLessForAFalsePositiveCloseAfterAWindow() {
        // y = (16 - 14) / (14 - 10) = 0.5, sigma = -tanh(1.25)
        NabScore score = standard(WINDOW_10_TO_14, 10, 16);

        assertThat(score.raw()).isCloseTo(1.0 - 0.11 * Math.tanh(1.25), within(EXACT));
        assertThat(score.counts()).isEqualTo("1/0/1");
    }

    @Test
    void shouldCostTheFullFalsePositiveWeightMoreThanThreeWindowWidthsAfterAWindow() {
        // window 4..5 has width R - L = 1; row 19 lies 14 widths past it: sigma = -1
        NabScore score = standard(List.of(new RowWindow(4, 5)), 4, 19);

        assertThat(score.raw()).isCloseTo(1.0 - 0.11, within(EXACT));
    }

    @Test
    void shouldScoreFalsePositivesAgainstTheLatestWindowBeforeThem() {
        // windows 4..7 and 12..13; row 9: y = (9 - 7) / 3; row 15: y = (15 - 13) / 1 = 2
        NabScore score = standard(List.of(new RowWindow(12, 13), new RowWindow(4, 7)), 9, 15);

        double expected = -1 - 1 - 0.11 * Math.tanh(5.0 / 3) - 0.11 * Math.tanh(5.0);
        assertThat(score.raw()).isCloseTo(expected, within(EXACT));
        assertThat(score.counts()).isEqualTo("0/2/2");
    }

    @Test
    void shouldNormaliseBetweenTheNullAndThePerfectDetectorOfTheProfile() {
        NabScore missedOne = new NabScorer(LOW_FN).score(ROWS, WINDOW_10_TO_14, detectionsAt());
        NabScore halfway = new NabScore(-0.5, 1, 0, 0, 0);

        assertThat(missedOne.raw()).isCloseTo(-2.0, within(EXACT));
        assertThat(missedOne.normalised(LOW_FN)).isCloseTo(0.0, within(EXACT));
        assertThat(halfway.normalised(LOW_FN)).isCloseTo(50.0, within(EXACT));
        assertThat(halfway.normalised(STANDARD)).isCloseTo(25.0, within(EXACT));
    }

    @Test
    void shouldSumRawScoresAndWindowsAcrossSeries() {
        NabScore caught = standard(WINDOW_10_TO_14, 10);
        NabScore missed = standard(WINDOW_10_TO_14);

        NabScore both = caught.plus(missed);

        assertThat(both.raw()).isCloseTo(0.0, within(EXACT));
        assertThat(both.windows()).isEqualTo(2);
        assertThat(both.normalised(STANDARD)).isCloseTo(50.0, within(EXACT));
    }

    @Test
    void shouldMapATimeWindowToTheRowsInsideItBothEndsIncluded() {
        Instant t0 = Instant.parse("2015-03-01T00:00:00Z");
        List<Instant> timestamps = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            timestamps.add(t0.plus(Duration.ofMinutes(5L * i)));
        }
        NabSeries series = new NabSeries("tiny", timestamps, new double[ROWS]);
        AnomalyWindow window = new AnomalyWindow(t0.plus(Duration.ofMinutes(49)), t0.plus(Duration.ofMinutes(70)));

        assertThat(window.toRows(timestamps)).isEqualTo(new RowWindow(10, 14));
        assertThat(new NabScorer(STANDARD)
                        .score(series, List.of(window), detectionsAt(10))
                        .raw())
                .isCloseTo(1.0, within(EXACT));
    }

    @Test
    void shouldRejectOverlappingWindowsAndMisSizedDetections() {
        NabScorer scorer = new NabScorer(STANDARD);

        assertThatThrownBy(() -> scorer.score(ROWS, List.of(new RowWindow(4, 8), new RowWindow(8, 9)), detectionsAt()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scorer.score(ROWS, WINDOW_10_TO_14, new boolean[ROWS - 1]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
