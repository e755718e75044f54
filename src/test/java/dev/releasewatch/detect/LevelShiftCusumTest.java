package dev.releasewatch.detect;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LevelShiftCusumTest {

    private static final double DAY_PHI = 0.02;
    private static final double EXTRA_HOUR_PHI = 0.1;

    /** {@code hours} hours of {@code perHour} expected, the first {@code normal} as expected, then at {@code level}. */
    private static LevelShiftCusum.Result judge(int hours, int normal, double perHour, double level) {
        int[] counts = new int[hours];
        float[] expected = new float[hours];
        int[] days = new int[hours];
        for (int i = 0; i < hours; i++) {
            expected[i] = (float) perHour;
            counts[i] = (int) Math.round(perHour * (i < normal ? 1 : level));
            days[i] = 18_000 + i / 24;
        }
        return LevelShiftCusum.judge(counts, expected, days, hours, 0.6, DAY_PHI, EXTRA_HOUR_PHI, 0.01);
    }

    @Test
    void findsTheHourTheLevelFellAt() {
        LevelShiftCusum.Result r = judge(72, 30, 20, 0.5);

        assertThat(r.from()).isEqualTo(30);
        assertThat(r.expected()).isCloseTo(42 * 20, within(1e-6));
        assertThat(r.observed()).isEqualTo(42 * 10);
        assertThat(r.llr()).isGreaterThan(10);
    }

    @Test
    void evidenceGrowsDayByDayWhileTheDropLasts() {
        double oneDay = judge(24, 0, 20, 0.5).llr();
        double twoDays = judge(48, 0, 20, 0.5).llr();
        double threeDays = judge(72, 0, 20, 0.5).llr();

        assertThat(twoDays).isCloseTo(2 * oneDay, within(1e-9));
        assertThat(threeDays).isCloseTo(3 * oneDay, within(1e-9));
    }

    @Test
    void hoursOfOneDayShareItsLevelSoTheyAreNotIndependentEvidence() {
        // 24 hours of one day against 24 hours spread over two days: the second is stronger evidence, because two
        // days at half are less likely to be two quiet days than one day is to be one
        double sameDay = judge(24, 0, 20, 0.5).llr();
        int[] counts = new int[24];
        float[] expected = new float[24];
        int[] days = new int[24];
        Arrays.fill(counts, 10);
        Arrays.fill(expected, 20f);
        for (int i = 12; i < 24; i++) {
            days[i] = 1;
        }
        double twoDays = LevelShiftCusum.judge(counts, expected, days, 24, 0.6, DAY_PHI, EXTRA_HOUR_PHI, 0.01)
                .llr();

        assertThat(twoDays).isGreaterThan(sameDay);
    }

    @Test
    void anOrdinaryOrBusyFeedHasNoEvidenceAndAShallowDipLittle() {
        assertThat(judge(72, 0, 20, 1.0).llr()).isZero();
        assertThat(judge(72, 0, 20, 1.2).llr()).isZero();
        assertThat(judge(72, 48, 20, 0.85).llr()).isLessThan(1);
    }

    @Test
    void theLogLikelihoodRatioIsZeroWhereBothModelsAreEquallyLikely() {
        // with a huge size (almost Poisson) the break-even count is m * (1 - ratio) / ln(1 / ratio)
        double m = 1000;
        long breakEven = Math.round(m * 0.4 / Math.log(1 / 0.6));

        assertThat(LevelShiftCusum.llr(breakEven, m, 1e-9, 0.6)).isCloseTo(0, within(0.3)); // rounding: 0.51 a count
        assertThat(LevelShiftCusum.llr(breakEven - 50, m, 1e-9, 0.6)).isPositive();
        assertThat(LevelShiftCusum.llr(breakEven + 50, m, 1e-9, 0.6)).isNegative();
    }
}
