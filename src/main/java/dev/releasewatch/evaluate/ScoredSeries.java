package dev.releasewatch.evaluate;

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
     * Feeds the series to the scorer row by row in time order, as the stream would: each verdict is returned
     * before the next row is shown, so no row can be judged from rows after it.
     *
     * @throws IllegalStateException when the scorer returns a score outside [0, 1]
     */
    public static ScoredSeries scoreOnline(NabSeries series, OnlineSeriesScorer scorer) {
        double[] scores = new double[series.size()];
        boolean[] alerts = new boolean[series.size()];
        for (int i = 0; i < series.size(); i++) {
            OnlineSeriesScorer.Score score = scorer.next(series.timestamps().get(i), series.values()[i]);
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
