package dev.releasewatch.detect;

/**
 * Accumulates the evidence of a sustained drop across hours and days: a window-limited CUSUM (Lorden 1971; Lai 1995) of
 * the log-likelihood ratio "the subject runs at {@code ratio} of its expectation since hour t" against "it runs at its
 * expectation", maximised over the change point t among the stored hours.
 *
 * <p>Hours of one day are not independent: the whole day's level swings (the baseline's daily dispersion), so a span is
 * cut into one piece per local day, and each piece is judged with the negative binomial of a span of k hours the hourly
 * early warning uses, dispersion {@code dayPhi + extraHourPhi / k}. Pieces of different days are independent, and
 * their log-likelihood ratios add up. Two days at half their expectation are overwhelming evidence although neither day
 * alone is (a big category's ordinary day can be 25% low), and a drop that starts on a Saturday morning is seen on
 * Sunday instead of at the end of Sunday's day window.
 *
 * <p>The log-likelihood ratio of a count x with mean {@code m} against mean {@code ratio * m}, both with size
 * {@code r = 1 / phi}, is {@code x * ln(ratio * (r + m) / (r + ratio * m)) + r * ln((r + m) / (r + ratio * m))}.
 */
final class LevelShiftCusum {

    private LevelShiftCusum() {}

    /**
     * The best change point.
     *
     * @param llr      the log-likelihood ratio in nats (0 when no span has evidence for the drop)
     * @param from     index of the first hour of the span
     * @param observed releases in the span
     * @param expected releases expected in the span
     * @param variance variance of the span's count under the no-change model (the pieces' negative binomials added)
     */
    record Result(double llr, int from, long observed, double expected, double variance) {

        /** The span as one negative binomial, for the alert's score and severity. */
        Deviation deviation() {
            double phi = Math.max(1e-9, (variance - expected) / (expected * expected));
            return Deviation.of(observed, expected, phi);
        }
    }

    /**
     * @param counts       hourly counts, oldest first
     * @param expected     expectation of each hour
     * @param days         local epoch day of each hour (non-decreasing)
     * @param n            hours stored
     * @param ratio        level under the alternative, e.g. 0.6 for a 40% drop
     * @param dayPhi       the baseline's daily dispersion
     * @param extraHourPhi how much more a single hour is dispersed than a day
     * @param minPhi       floor of any piece's dispersion
     */
    static Result judge(
            int[] counts,
            float[] expected,
            int[] days,
            int n,
            double ratio,
            double dayPhi,
            double extraHourPhi,
            double minPhi) {
        Result best = new Result(0, n, 0, 0, 0);
        double laterLlr = 0;
        long laterObserved = 0;
        double laterExpected = 0;
        double laterVariance = 0;
        long pieceObserved = 0;
        double pieceExpected = 0;
        int pieceHours = 0;
        for (int t = n - 1; t >= 0; t--) {
            if (t < n - 1 && days[t] != days[t + 1]) {
                double phi = phi(dayPhi, extraHourPhi, minPhi, pieceHours);
                laterLlr += llr(pieceObserved, pieceExpected, phi, ratio);
                laterObserved += pieceObserved;
                laterExpected += pieceExpected;
                laterVariance += pieceExpected + phi * pieceExpected * pieceExpected;
                pieceObserved = 0;
                pieceExpected = 0;
                pieceHours = 0;
            }
            pieceObserved += counts[t];
            pieceExpected += expected[t];
            pieceHours++;
            double phi = phi(dayPhi, extraHourPhi, minPhi, pieceHours);
            double llr = laterLlr + llr(pieceObserved, pieceExpected, phi, ratio);
            if (llr > best.llr()) {
                best = new Result(
                        llr,
                        t,
                        laterObserved + pieceObserved,
                        laterExpected + pieceExpected,
                        laterVariance + pieceExpected + phi * pieceExpected * pieceExpected);
            }
        }
        return best;
    }

    private static double phi(double dayPhi, double extraHourPhi, double minPhi, int hours) {
        return Math.max(minPhi, dayPhi + extraHourPhi / hours);
    }

    /** Log-likelihood ratio of {@code x} under mean {@code ratio * m} against mean {@code m}, same dispersion. */
    static double llr(long x, double m, double phi, double ratio) {
        if (m <= 0) {
            return 0;
        }
        double r = 1 / phi;
        double logRatio = Math.log((r + m) / (r + ratio * m));
        return x * (Math.log(ratio) + logRatio) + r * logRatio;
    }
}
