package dev.releasewatch.evaluate;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import dev.releasewatch.detect.OnlineSeriesScorer;

/**
 * The <em>baseline</em> the real detector must beat, and the stand-in that keeps {@code evaluate} and
 * {@code evaluate-nab} working end to end until the detector is wired in: a rolling robust z-score.
 *
 * <p>Each row is compared with the median of the rows of the previous day (or {@value #FALLBACK_WINDOW} rows when
 * no daily period is known), in units of the scaled median absolute deviation. The scale never drops below
 * sqrt(median), the Poisson spread of a count, so a series of small counts does not alarm on a 0 or a 3.
 * The anomaly score is z² / (z² + z_alert²) for the signed z of the chosen direction: 0.5 exactly at z_alert.
 * It alerts on the first row that reaches z_alert and not again until z has fallen below z_resolve: one alert
 * per excursion, like a FIRING event, not one per anomalous row.
 *
 * <p>All parameters were fixed before it was ever scored on NAB, from what a z-score is (6 robust sigmas is
 * rare for any distribution; half that ends an excursion); none was tuned on the labels.
 */
public final class RollingRobustZScoreScorer implements OnlineSeriesScorer {

    /** History length used when the series shows no daily period. */
    static final int FALLBACK_WINDOW = 288;
    /** Robust z at which the score is 0.5 and an alert fires. */
    static final double Z_ALERT = 6.0;
    /** Robust z below which an excursion is over and a new alert may fire. */
    static final double Z_RESOLVE = 3.0;

    private static final double MAD_TO_SIGMA = 1.4826;

    private final double[] history;
    private final String direction;
    private int seen;
    private boolean inExcursion;

    /**
     * A scorer with {@code window} rows of history.
     *
     * @param window    rows of history the median is taken over; no row is scored before the history is full
     * @param direction {@value SeriesScorerFactory#DROP}, {@value SeriesScorerFactory#SPIKE} or {@value
     * SeriesScorerFactory#BOTH}
     */
    public RollingRobustZScoreScorer(int window, String direction) {
        if (window < 3) {
            throw new IllegalArgumentException("window must hold at least 3 rows: " + window);
        }
        if (!SeriesScorerFactory.DROP.equals(direction)
                && !SeriesScorerFactory.SPIKE.equals(direction)
                && !SeriesScorerFactory.BOTH.equals(direction)) {
            throw new IllegalArgumentException("direction must be drop, spike or both: " + direction);
        }
        this.history = new double[window];
        this.direction = direction;
    }

    /** The factory creating this baseline, one day of history per series. */
    public static SeriesScorerFactory factory() {
        return new SeriesScorerFactory() {
            @Override
            public OnlineSeriesScorer create(Duration bucket, int dailyPeriod, int weeklyPeriod, String direction) {
                return new RollingRobustZScoreScorer(dailyPeriod > 0 ? dailyPeriod : FALLBACK_WINDOW, direction);
            }

            @Override
            public String name() {
                return "baseline (rolling robust z-score)";
            }
        };
    }

    @Override
    public Score next(Instant time, double value) {
        Score score = seen < history.length ? new Score(0, false) : judge(value);
        history[seen % history.length] = value;
        seen++;
        return score;
    }

    private Score judge(double value) {
        double[] sorted = history.clone();
        Arrays.sort(sorted);
        double median = median(sorted);
        double[] deviations = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            deviations[i] = Math.abs(sorted[i] - median);
        }
        Arrays.sort(deviations);
        double scale = Math.max(MAD_TO_SIGMA * median(deviations), Math.sqrt(Math.max(median, 1)));
        double z = (value - median) / scale;
        double directed = switch (direction) {
            case SeriesScorerFactory.DROP -> -z;
            case SeriesScorerFactory.SPIKE -> z;
            default -> Math.abs(z);
        };
        double positive = Math.max(0, directed);
        double anomalyScore = positive * positive / (positive * positive + Z_ALERT * Z_ALERT);
        boolean alert = false;
        if (inExcursion) {
            inExcursion = directed >= Z_RESOLVE;
        } else if (directed >= Z_ALERT) {
            inExcursion = true;
            alert = true;
        }
        return new Score(anomalyScore, alert);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
