package dev.releasewatch.evaluate;

import java.time.Instant;

import dev.releasewatch.detect.OnlineSeriesScorer;

/**
 * A series with a scorer's verdict on every row.
 *
 * @param series        the series scored
 * @param anomalyScores the score of each row, in [0, 1]
 * @param alerts        whether the scorer alerted on each row
 */
public record ScoredSeries(NabSeries series, double[] anomalyScores, boolean[] alerts) {

    /**
     * Feeds the series to the scorer row by row in file order, as the stream would: each verdict is returned before the
     * next row is shown, so no row can be judged from rows after it. Every row gets a verdict (NAB scores rows), and
     * nothing is refused:
     *
     * <ul>
     *   <li>the clock never goes back: a row whose timestamp is not after the latest one seen (a repeated hour at a
     *       daylight-saving change, a duplicated or late row) is the next observation at the latest time seen, as a
     *       late record joins the stream's open window;
     *   <li>a gap (timestamps further apart than a bucket) is not filled: the next row is simply the next observation,
     *       placed in its own time of day;
     *   <li>a missing value ({@code NaN}) is not shown to the scorer: the row scores 0 and does not alert.
     * </ul>
     *
     * @throws IllegalStateException when the scorer returns a score outside [0, 1]
     */
    public static ScoredSeries scoreOnline(NabSeries series, OnlineSeriesScorer scorer) {
        double[] scores = new double[series.size()];
        boolean[] alerts = new boolean[series.size()];
        Instant clock = Instant.MIN;
        for (int i = 0; i < series.size(); i++) {
            Instant time = series.timestamps().get(i);
            clock = time.isAfter(clock) ? time : clock;
            double value = series.values()[i];
            if (Double.isNaN(value)) {
                continue;
            }
            OnlineSeriesScorer.Score score = scorer.next(clock, value);
            if (!(score.anomalyScore() >= 0 && score.anomalyScore() <= 1)) {
                throw new IllegalStateException(
                        series.name() + ": row " + i + ": anomaly score " + score.anomalyScore() + " outside [0, 1]");
            }
            scores[i] = score.anomalyScore();
            alerts[i] = score.alert();
        }
        return new ScoredSeries(series, scores, alerts);
    }

    /** Number of rows the scorer alerted on. */
    public int alertCount() {
        int count = 0;
        for (boolean alert : alerts) {
            if (alert) {
                count++;
            }
        }
        return count;
    }
}
