package dev.releasewatch.evaluate;

import java.util.List;
import java.util.function.Function;

/**
 * Scores detectors over the whole NAB subset: the sum of the per-series scores, normalised over the subset's
 * own windows. Series are read once and shared by every detector scored.
 */
public final class NabBenchmark {

    private final NabDataset dataset;
    private final List<NabSeries> series;

    /** A benchmark over every labelled series of {@code dataset}. */
    public NabBenchmark(NabDataset dataset) {
        this.dataset = dataset;
        this.series = dataset.series();
    }

    /** The series scored, in the labels file's order. */
    public List<NabSeries> series() {
        return series;
    }

    /**
     * Scores detections produced per series.
     *
     * @param profile    the weights
     * @param detections for each series, one flag per row
     */
    public NabScore score(NabProfile profile, Function<NabSeries, boolean[]> detections) {
        NabScorer scorer = new NabScorer(profile);
        NabScore total = NabScore.EMPTY;
        for (NabSeries s : series) {
            total = total.plus(scorer.score(s, dataset.labels().windows(s.name()), detections.apply(s)));
        }
        return total;
    }

    /**
     * Scores a published detector the way NAB does: its outputs against its own threshold for the profile.
     */
    public NabScore scorePublished(String detector, NabProfile profile) {
        double threshold = dataset.thresholds().threshold(detector, profile.name());
        PublishedResults results = dataset.publishedResults();
        return score(profile, s -> NabScorer.detectionsAtOrAbove(results.anomalyScores(detector, s), threshold));
    }
}
