package dev.releasewatch.evaluate;

import java.time.Duration;

import dev.releasewatch.detect.DirectionMode;
import dev.releasewatch.detect.OnlineSeriesScorer;
import dev.releasewatch.detect.SeriesDetector;
import dev.releasewatch.detect.SeriesDetectorSettings;

/**
 * The release-watch detector core ({@link SeriesDetector}) behind the {@link SeriesScorerFactory} seam:
 * what {@code evaluate} and {@code evaluate-nab} run by default. The detector learns the daily profile itself
 * from the bucket size, so the inferred periods are not passed on.
 */
public final class DetectorScorerFactory implements SeriesScorerFactory {

    private final SeriesDetectorSettings settings;

    /** The detector with its default settings. */
    public DetectorScorerFactory() {
        this(SeriesDetectorSettings.DEFAULTS);
    }

    /** The detector with the given settings (cross-validation tries several). */
    public DetectorScorerFactory(SeriesDetectorSettings settings) {
        this.settings = settings;
    }

    /** The settings every created detector uses. */
    public SeriesDetectorSettings settings() {
        return settings;
    }

    @Override
    public OnlineSeriesScorer create(Duration bucket, int dailyPeriod, int weeklyPeriod, String direction) {
        return new SeriesDetector(bucket, DirectionMode.parse(direction), settings);
    }

    @Override
    public String name() {
        return "release-watch detector";
    }
}
