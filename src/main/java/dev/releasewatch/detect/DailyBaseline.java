package dev.releasewatch.detect;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a subject's normal day looks like, formed from its clean days (no incident, no quiet date):
 * {@code expected(date) = level * weekdayFactor(weekday) [* quietDateFactor]}.
 *
 * <ul>
 *   <li><b>Weekday factors</b> are the mean count of each weekday over the whole history divided by the overall mean,
 *   shrunk
 *   towards a prior (the feed's factors) by {@value #WEEKDAY_SHRINK} pseudo-releases: a big category gets its own
 *   weekend dip,
 *   a group with five releases a day gets the feed's instead of a noisy one of its own.</li>
 *   <li><b>Level</b> is the trimmed mean (a tenth cut at each end, at least one day once there are five) of the most
 *   recent
 *   clean days, each divided by its weekday factor. Trimmed, because a few odd days must not move it; not a median,
 *   because the
 *   median of a small skewed count (a group's 2, 3, 16, 2, 12 ...) sits well below its mean and would make every group
 *   look
 *   calmer than it is. Only clean days, so the days inside an incident never pull the baseline down: a collapse
 *   that lasts weeks is judged against the level before it until it is accepted as a new level.</li>
 *   <li><b>Dispersion</b> (phi of the negative binomial) is a moment estimate over the clean days,
 *   {@code (sum((x - e)^2) - sum(e)) / sum(e^2)} (a ratio of sums, so the many near-empty days of a small subject do
 *   not dominate it), shrunk towards a prior and floored: so a bursty group gets a wide model and a steady one a narrow
 *   one, and its
 *   threshold follows from its own behaviour.</li>
 * </ul>
 *
 * @param level          typical count of an average weekday
 * @param weekdayFactors factor per {@link DayOfWeek} (index 0 = Monday), mean 1
 * @param dispersion     phi of the count model for one day
 * @param cleanDays      clean days the weekday factors and dispersion come from
 * @param levelDays      clean days the level is the median of
 */
record DailyBaseline(double level, double[] weekdayFactors, double dispersion, int cleanDays, int levelDays) {

    /** Pseudo-releases pulling each weekday factor towards 1. */
    static final double WEEKDAY_SHRINK = 500;
    /**
     * Clean days' worth of weight given to the prior dispersion: two months of counts cannot prove a group is steady.
     */
    static final double DISPERSION_PRIOR_DAYS = 20;
    /** Weekday factors of a subject about which nothing is known. */
    static final double[] FLAT_WEEK = {1, 1, 1, 1, 1, 1, 1};

    /** The baseline from the subject's history with flat weekday priors. */
    static DailyBaseline of(SubjectState s, DetectorSettings settings) {
        return of(s, settings, FLAT_WEEK, settings.minDispersion(), 0);
    }

    /**
     * The baseline from the subject's history, or null while it has fewer clean days than the warm-up needs.
     *
     * @param priorFactors    weekday factors to shrink towards (the feed's: a group's weekend dip is most likely the
     * feed's)
     * @param priorDispersion dispersion to shrink towards
     * @param skipRecent      most recent days left out: the days a multi-day span is about to judge must not already
     *                        have
     *                        lowered the level it is judged against (a group silent for four days would otherwise have
     *                        taught its baseline that silence is normal before the span that proves it is long enough)
     */
    static DailyBaseline of(
            SubjectState s, DetectorSettings settings, double[] priorFactors, double priorDispersion, int skipRecent) {
        int usable = Math.max(0, s.dayCount - skipRecent);
        int clean = 0;
        double total = 0;
        double[] sum = new double[7];
        int[] n = new int[7];
        for (int i = 0; i < usable; i++) {
            if (s.dayFlags[i] == 0) {
                int w = weekdayIndex(s.dayAt(i));
                sum[w] += s.days[i];
                n[w]++;
                total += s.days[i];
                clean++;
            }
        }
        if (clean < settings.warmupDays()) {
            return null;
        }
        double mean = total / clean;
        double[] factors = new double[7];
        double factorSum = 0;
        for (int w = 0; w < 7; w++) {
            factors[w] = (sum[w] + WEEKDAY_SHRINK * priorFactors[w]) / (n[w] * mean + WEEKDAY_SHRINK);
            factorSum += factors[w];
        }
        for (int w = 0; w < 7; w++) {
            factors[w] = factors[w] * 7 / factorSum;
        }
        double[] normalised = new double[settings.levelDays()];
        int m = 0;
        // right after a new level was learned or accepted, the days since are the only evidence of it: leaving the most
        // recent ones out as well would rebuild the level from the day or two before the change
        int levelEnd = usable;
        if (s.rebaseDay != Long.MIN_VALUE
                && usable > 0
                && s.dayCount > usable
                && s.dayAt(usable - 1) - s.rebaseDay < skipRecent) {
            levelEnd = s.dayCount;
        }
        for (int i = levelEnd - 1; i >= 0 && m < normalised.length; i--) {
            if (s.dayFlags[i] == 0 && s.dayAt(i) >= s.rebaseDay) {
                normalised[m++] = s.days[i] / factors[weekdayIndex(s.dayAt(i))];
            }
        }
        if (m == 0) {
            return null;
        }
        double level = trimmedMean(Arrays.copyOf(normalised, m));
        double squares = 0;
        double expectedSum = 0;
        double expectedSquares = 0;
        int phiN = 0;
        for (int i = 0; i < usable; i++) {
            if (s.dayFlags[i] == 0) {
                double e = level * factors[weekdayIndex(s.dayAt(i))];
                double d = s.days[i] - e;
                squares += d * d;
                expectedSum += e;
                expectedSquares += e * e;
                phiN++;
            }
        }
        double estimate =
                expectedSquares > 0 ? Math.max(0, (squares - expectedSum) / expectedSquares) : priorDispersion;
        double phi = Math.max(
                settings.minDispersion(),
                (phiN * estimate + DISPERSION_PRIOR_DAYS * priorDispersion) / (phiN + DISPERSION_PRIOR_DAYS));
        return new DailyBaseline(level, factors, phi, clean, m);
    }

    /** Expected count on {@code date}, lowered on quiet dates. */
    double expectedOn(LocalDate date, DetectorSettings settings) {
        double e = level * weekdayFactors[date.getDayOfWeek().getValue() - 1];
        return settings.isQuiet(date) ? e * settings.quietDateFactor() : e;
    }

    /** How {@link #expectedOn} was formed, for the alert's {@code baseline} field. */
    String describe(LocalDate date, DetectorSettings settings) {
        String weekday = date.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT);
        return String.format(
                Locale.ROOT,
                "trimmed mean of last %d clean days (weekday-adjusted) %.1f/day x %s factor %.2f%s"
                        + " (%d clean days of history); negative binomial, dispersion %.3f",
                levelDays,
                level,
                weekday,
                weekdayFactors[date.getDayOfWeek().getValue() - 1],
                settings.isQuiet(date) ? " x quiet-date factor " + settings.quietDateFactor() : "",
                cleanDays,
                dispersion);
    }

    static int weekdayIndex(long epochDay) {
        // 1970-01-01 was a Thursday (index 3 with Monday = 0)
        return Math.floorMod(epochDay + 3, 7);
    }

    static double trimmedMean(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        int cut = n >= 5 ? Math.max(1, n / 10) : 0;
        double sum = 0;
        for (int i = cut; i < n - cut; i++) {
            sum += values[i];
        }
        return sum / (n - 2 * cut);
    }
}
