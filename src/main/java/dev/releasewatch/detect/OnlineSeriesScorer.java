package dev.releasewatch.detect;

import java.time.Instant;

/**
 * The detector core judging one count series strictly online: each point is scored only from the points
 * before it, as in the stream. Used by {@code release-watch evaluate} on external series (NAB format).
 */
public interface OnlineSeriesScorer {

    /**
     * Scores the next point of the series.
     *
     * @param time  the bucket's timestamp; calls come in non-decreasing time order (a repeated time is a further
     *              observation in the same bucket), possibly with gaps
     * @param value the count (or value) observed in that bucket, a finite number
     * @return the verdict for this point, judged from the points before it
     */
    Score next(Instant time, double value);

    /**
     * A verdict on one point.
     *
     * @param anomalyScore in [0, 1]; higher is more anomalous
     * @param alert        whether the detector would alert (FIRING) on this point
     */
    record Score(double anomalyScore, boolean alert) {}
}
