package dev.releasewatch.evaluate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeriesCadenceTest {

    private static final Instant T0 = Instant.parse("2015-02-26T21:42:53Z");

    private static List<Instant> regular(Duration step, int rows) {
        List<Instant> timestamps = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            timestamps.add(T0.plus(step.multipliedBy(i)));
        }
        return timestamps;
    }

    @Test
    void shouldTakeTheMostCommonStepNotTheSmallestWhenRowsAreMissingOrJittered() {
        List<Instant> timestamps = new ArrayList<>(regular(Duration.ofMinutes(5), 100));
        timestamps.subList(40, 60).clear();
        timestamps.add(timestamps.get(timestamps.size() - 1).plusSeconds(30));

        assertThat(SeriesCadence.infer(timestamps, null).bucket()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldFindDailyAndWeeklyPeriodsOfAFiveMinuteSeriesSpanningTwoWeeks() {
        // NAB's ELB series: 14 days of 5-minute rows
        SeriesCadence cadence = SeriesCadence.infer(regular(Duration.ofMinutes(5), 4032), null);

        assertThat(cadence).isEqualTo(new SeriesCadence(Duration.ofMinutes(5), 288, 2016));
    }

    @Test
    void shouldOmitTheWeeklyPeriodWhenTheSeriesSpansLessThanTwoWeeks() {
        SeriesCadence cadence = SeriesCadence.infer(regular(Duration.ofMinutes(5), 4031), null);

        assertThat(cadence.dailyPeriod()).isEqualTo(288);
        assertThat(cadence.weeklyPeriod()).isZero();
    }

    @Test
    void shouldOmitBothPeriodsOfASeriesShorterThanTwoDays() {
        assertThat(SeriesCadence.infer(regular(Duration.ofHours(1), 47), null))
                .isEqualTo(new SeriesCadence(Duration.ofHours(1), 0, 0));
    }

    @Test
    void shouldHaveNoDailyPeriodForDailyBucketsButAWeeklyOne() {
        assertThat(SeriesCadence.infer(regular(Duration.ofDays(1), 21), null))
                .isEqualTo(new SeriesCadence(Duration.ofDays(1), 0, 7));
    }

    @Test
    void shouldUseAnExplicitBucketInsteadOfTheInferredOne() {
        SeriesCadence cadence = SeriesCadence.infer(regular(Duration.ofMinutes(5), 4032), Duration.ofMinutes(10));

        assertThat(cadence).isEqualTo(new SeriesCadence(Duration.ofMinutes(10), 144, 1008));
    }

    @Test
    void shouldAcceptAnExplicitBucketForASingleRowButNotInferOne() {
        assertThat(SeriesCadence.infer(List.of(T0), Duration.ofHours(1)))
                .isEqualTo(new SeriesCadence(Duration.ofHours(1), 0, 0));
        assertThatThrownBy(() -> SeriesCadence.infer(List.of(T0), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("give one");
    }

    @Test
    void shouldPreferTheSmallerStepWhenTwoAreEquallyCommon() {
        List<Instant> timestamps =
                List.of(T0, T0.plusSeconds(60), T0.plusSeconds(180), T0.plusSeconds(240), T0.plusSeconds(360));

        assertThat(SeriesCadence.infer(timestamps, null).bucket()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void shouldIgnoreRepeatedAndBackwardStepsAndCoverFromEarliestToLatest() {
        List<Instant> timestamps = new ArrayList<>(regular(Duration.ofMinutes(5), 600));
        timestamps.add(300, timestamps.get(299));
        timestamps.add(0, timestamps.get(599));

        assertThat(SeriesCadence.infer(timestamps, null)).isEqualTo(new SeriesCadence(Duration.ofMinutes(5), 288, 0));
    }
}
