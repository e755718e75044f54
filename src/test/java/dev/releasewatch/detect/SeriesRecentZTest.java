package dev.releasewatch.detect;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@link SeriesRecentZ}: the span sums, and which deviations count as spread over a span. */
class SeriesRecentZTest {

    /** A window holding {@code values}, oldest first. */
    private static SeriesRecentZ of(double... values) {
        SeriesRecentZ recent = new SeriesRecentZ();
        for (double value : values) {
            recent.push(value);
        }
        return recent;
    }

    /** {@code rows} copies of {@code value}. */
    private static double[] repeat(int rows, double value) {
        double[] values = new double[rows];
        Arrays.fill(values, value);
        return values;
    }

    private static double[] concat(double[]... parts) {
        return Stream.of(parts).flatMapToDouble(Arrays::stream).toArray();
    }

    @Test
    void theStatisticIsTheSumOfTheNewestRowsOverTheRootOfTheSpan() {
        SeriesRecentZ recent = of(concat(repeat(30, 9), repeat(9, 1)));

        assertThat(recent.count()).isEqualTo(27);
        assertThat(recent.statistic(9)).isCloseTo(3, within(1e-12));
        assertThat(recent.statistic(27)).isCloseTo((18 * 9 + 9) / Math.sqrt(27), within(1e-12));
    }

    @Test
    void anEvenShiftIsSpreadOverEverySpan() {
        SeriesRecentZ rise = of(repeat(27, 1.2));
        SeriesRecentZ drop = of(repeat(27, -1.2));

        for (int span : SeriesDetector.SPANS) {
            assertThat(rise.spread(span, 0.5)).as("rise over %d rows", span).isTrue();
            assertThat(drop.spread(span, 0.5)).as("drop over %d rows", span).isTrue();
        }
    }

    @Test
    void aBurstInTwoThirdsOfTheSpanIsNotSpreadThoughItsSumIsTheSame() {
        // the same 27-row sum as 27 rows of 1, all of it in the oldest 18 rows
        SeriesRecentZ ended = of(concat(repeat(18, 1.5), repeat(9, 0)));
        SeriesRecentZ started = of(concat(repeat(9, 0), repeat(18, 1.5)));

        assertThat(ended.statistic(27)).isCloseTo(of(repeat(27, 1)).statistic(27), within(1e-12));
        assertThat(ended.spread(27, 0)).isFalse();
        assertThat(started.spread(27, 0)).isFalse();
        assertThat(started.spread(9, 0.5))
                .as("the newest nine rows are an even shift")
                .isTrue();
    }

    @Test
    void aThirdAgainstTheShiftFailsEvenAtShareZero() {
        SeriesRecentZ recent = of(concat(repeat(3, 4), repeat(3, -0.5), repeat(3, 4)));

        assertThat(recent.statistic(9)).isPositive();
        assertThat(recent.spread(9, 0)).isFalse();
    }

    @Test
    void aWeakThirdPassesShareZeroButNotHalf() {
        // thirds of 18, 18 and 3.6: an even third is 13.2; 3.6 is above 0 but below half of it
        SeriesRecentZ recent = of(concat(repeat(9, 2), repeat(9, 2), repeat(9, 0.4)));

        assertThat(recent.spread(27, 0)).isTrue();
        assertThat(recent.spread(27, 0.5)).isFalse();
        assertThat(recent.spread(27, 0.25)).isTrue();
    }

    @Test
    void oneRowIsAlwaysSpread() {
        assertThat(of(0, 0, 50).spread(1, 0.9)).isTrue();
        assertThat(of(50, 0, 0).spread(3, 0)).isFalse();
    }
}
