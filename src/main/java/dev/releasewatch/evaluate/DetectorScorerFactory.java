package dev.releasewatch.evaluate;

import dev.releasewatch.detect.DirectionMode;
import dev.releasewatch.detect.OnlineSeriesScorer;
import dev.releasewatch.detect.SeriesDetector;
import java.time.Duration;

/**
 * The release-watch detector core ({@link SeriesDetector}) behind the {@link SeriesScorerFactory} seam:
 * what {@code evaluate} and {@code evaluate-nab} run by default. The detector learns the daily and
 * weekly profile itself from the bucket size, so the inferred periods are not passed on.
 */
public final class DetectorScorerFactory implements SeriesScorerFactory {

    @Override
    public OnlineSeriesScorer create(Duration bucket, int dailyPeriod, int weeklyPeriod, String direction) {
        return SeriesDetector.create(bucket, DirectionMode.parse(direction));
    }

    @Override
    public String name() {
        return "release-watch detector";
    }
}
