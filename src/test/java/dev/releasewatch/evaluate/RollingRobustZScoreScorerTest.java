package dev.releasewatch.evaluate;

import java.time.Duration;
import java.time.Instant;

import dev.releasewatch.detect.OnlineSeriesScorer;
import dev.releasewatch.detect.OnlineSeriesScorer.Score;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RollingRobustZScoreScorerTest {

    private static final Instant T0 = Instant.parse("2015-03-01T00:00:00Z");
    private static final int WINDOW = 10;

    private int row;

    private Score feed(OnlineSeriesScorer scorer, double value) {
        return scorer.next(T0.plus(Duration.ofMinutes(5L * row++)), value);
    }

    private void warmUp(OnlineSeriesScorer scorer, double value) {
        for (int i = 0; i < WINDOW; i++) {
            assertThat(feed(scorer, value))
                    .as("no verdict before the history is full")
                    .isEqualTo(new Score(0, false));
        }
    }

    @Test
    void shouldScoreOneHalfAndAlertExactlyAtSixRobustSigmas() {
        OnlineSeriesScorer scorer = new RollingRobustZScoreScorer(WINDOW, SeriesScorerFactory.SPIKE);
        warmUp(scorer, 100);

        // MAD is 0, so the scale is the Poisson floor sqrt(100) = 10: 160 is z = 6
        Score score = feed(scorer, 160);

        assertThat(score.anomalyScore()).isCloseTo(0.5, within(1e-12));
        assertThat(score.alert()).isTrue();
    }

    @Test
    void shouldAlertOncePerExcursionAndAgainAfterItResolves() {
        OnlineSeriesScorer scorer = new RollingRobustZScoreScorer(WINDOW, SeriesScorerFactory.BOTH);
        warmUp(scorer, 1);

        assertThat(feed(scorer, 100).alert()).isTrue();
        assertThat(feed(scorer, 100).alert()).as("same excursion").isFalse();
        assertThat(feed(scorer, 1).alert()).isFalse();
        assertThat(feed(scorer, 100).alert())
                .as("new excursion after z fell below 3")
                .isTrue();
    }

    @Test
    void shouldNotAlarmOnAZeroAmongSmallCounts() {
        OnlineSeriesScorer scorer = new RollingRobustZScoreScorer(WINDOW, SeriesScorerFactory.DROP);
        warmUp(scorer, 1);

        Score score = feed(scorer, 0);

        assertThat(score.alert()).isFalse();
        assertThat(score.anomalyScore()).isCloseTo(1.0 / 37, within(1e-12));
    }

    @Test
    void shouldIgnoreDeviationsAgainstItsDirection() {
        OnlineSeriesScorer drop = new RollingRobustZScoreScorer(WINDOW, SeriesScorerFactory.DROP);
        warmUp(drop, 100);
        assertThat(feed(drop, 1000)).isEqualTo(new Score(0, false));
        assertThat(feed(drop, 0).alert()).isTrue();

        row = 0;
        OnlineSeriesScorer spike = new RollingRobustZScoreScorer(WINDOW, SeriesScorerFactory.SPIKE);
        warmUp(spike, 100);
        assertThat(feed(spike, 0)).isEqualTo(new Score(0, false));
    }

    @Test
    void shouldUseOneDayOfHistoryFromTheFactory() {
        OnlineSeriesScorer scorer =
                RollingRobustZScoreScorer.factory().create(Duration.ofHours(1), 24, 0, SeriesScorerFactory.SPIKE);
        for (int i = 0; i < 24; i++) {
            assertThat(feed(scorer, 5).anomalyScore()).isZero();
        }
        assertThat(feed(scorer, 500).alert()).isTrue();
    }

    @Test
    void shouldRejectAnUnknownDirection() {
        assertThatThrownBy(() -> new RollingRobustZScoreScorer(WINDOW, "up"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
