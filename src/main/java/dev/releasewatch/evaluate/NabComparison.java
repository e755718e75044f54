package dev.releasewatch.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs our detector over the NAB subset and sets it beside NAB's published detectors.
 *
 * <p>Ours is run strictly online, direction both (every labelled anomaly in the subset is a rise), with a fresh
 * scorer per series whose bucket and periods are inferred from that series alone. Its detections are fixed before
 * looking at any label: the alert flag, and separately anomaly score {@code >=} {@value #SCORE_THRESHOLD}. A
 * threshold picked on the labels would score the labels, not the detector, so the optional sweep is reported
 * apart as oracle-tuned and never ranked with the rest.
 */
public final class NabComparison {

    /** The fixed score threshold for our detector: the middle of the [0, 1] score range. */
    static final double SCORE_THRESHOLD = 0.5;

    private static final int SWEEP_STEPS = 100;

    private final NabDataset dataset;
    private final NabBenchmark benchmark;

    /** A comparison over every labelled series of {@code dataset}. */
    public NabComparison(NabDataset dataset) {
        this.dataset = dataset;
        this.benchmark = new NabBenchmark(dataset);
    }

    /**
     * Scores our detector online on every series, direction both.
     *
     * @return the scored series by series name
     */
    public Map<String, ScoredSeries> runOnline(SeriesScorerFactory factory) {
        Map<String, ScoredSeries> scored = new LinkedHashMap<>();
        for (NabSeries series : benchmark.series()) {
            SeriesCadence cadence = SeriesCadence.infer(series.timestamps(), null);
            scored.put(
                    series.name(), ScoredSeries.scoreOnline(series, factory.create(cadence, SeriesScorerFactory.BOTH)));
        }
        return scored;
    }

    /**
     * Builds the comparison report.
     *
     * @param ourName     how to name our detector in the table
     * @param ours        our scored series, from {@link #runOnline}
     * @param profiles    the profiles to report, in order
     * @param oracleSweep whether to add the oracle-tuned best score threshold per profile
     */
    public NabReport report(
            String ourName, Map<String, ScoredSeries> ours, List<NabProfile> profiles, boolean oracleSweep) {
        PublishedResults published = dataset.publishedResults();
        List<NabReport.Section> sections = new ArrayList<>();
        for (NabProfile profile : profiles) {
            List<NabReport.Entry> entries = new ArrayList<>();
            entries.add(new NabReport.Entry(
                    ourName,
                    "alert flag",
                    true,
                    benchmark.score(profile, s -> ours.get(s.name()).alerts())));
            entries.add(new NabReport.Entry(
                    ourName,
                    scoreAtLeast(SCORE_THRESHOLD),
                    true,
                    benchmark.score(
                            profile,
                            s -> NabScorer.detectionsAtOrAbove(
                                    ours.get(s.name()).anomalyScores(), SCORE_THRESHOLD))));
            for (String detector : published.detectors()) {
                double threshold = dataset.thresholds().threshold(detector, profile.name());
                entries.add(new NabReport.Entry(
                        detector,
                        scoreAtLeast(threshold) + " (NAB's)",
                        false,
                        benchmark.scorePublished(detector, profile)));
            }
            entries.sort(
                    Comparator.comparingDouble((NabReport.Entry e) -> e.score().normalised(profile))
                            .reversed());
            List<NabReport.Entry> oracle = oracleSweep ? List.of(oracleTuned(ourName, ours, profile)) : List.of();
            sections.add(new NabReport.Section(profile, entries, oracle));
        }
        int windows = dataset.labels().windowCount();
        List<String> notes = List.of(
                "Set: " + benchmark.series().size() + " NAB series, " + windows
                        + " labelled windows; scores normalised over"
                        + " these windows only, so they are not comparable with NAB's full-corpus scores.",
                ourName
                        + ": strictly online (each row judged before the next is seen), direction both, a fresh scorer per"
                        + " series with bucket and periods inferred from the series; detections fixed in advance"
                        + " (alert flag, or score >= " + SCORE_THRESHOLD
                        + "). Its default parameters were chosen on all 52 shared NAB series"
                        + " (in-sample); --cross-validate reports a leave-one-series-out score.",
                "Published detectors: NAB's published outputs at NAB's per-profile thresholds, which NAB tuned on its full"
                        + " 58-file corpus, these series included (in-sample for them).",
                String.format(
                        Locale.ROOT,
                        "One window caught instead of missed moves the standard score by about %.1f points;"
                                + " differences of a few points mean little.",
                        100.0 / windows));
        return new NabReport(sections, notes);
    }

    /** The best score threshold on a 0.01 grid, chosen by looking at the labels: an upper bound, not a result. */
    private NabReport.Entry oracleTuned(String ourName, Map<String, ScoredSeries> ours, NabProfile profile) {
        NabScore best = null;
        double bestThreshold = 0;
        for (int step = 1; step <= SWEEP_STEPS; step++) {
            double threshold = (double) step / SWEEP_STEPS;
            NabScore score = benchmark.score(
                    profile,
                    s -> NabScorer.detectionsAtOrAbove(ours.get(s.name()).anomalyScores(), threshold));
            if (best == null || score.normalised(profile) > best.normalised(profile)) {
                best = score;
                bestThreshold = threshold;
            }
        }
        return new NabReport.Entry(ourName, scoreAtLeast(bestThreshold) + " (oracle-tuned)", true, best);
    }

    private static String scoreAtLeast(double threshold) {
        return String.format(Locale.ROOT, "score >= %.4g", threshold);
    }
}
