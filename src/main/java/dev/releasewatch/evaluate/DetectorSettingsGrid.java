package dev.releasewatch.evaluate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.releasewatch.detect.SeriesDetectorSettings;

/**
 * The candidate settings of the detector that cross-validation chooses among: the three parameters the NAB defaults
 * were chosen on (span, pseudo-count, memory), each at its default and around it. The p-value and relative-change gates
 * stay at their defaults, shared with the feed engine's reading of "improbable" and "big".
 */
public final class DetectorSettingsGrid {

    private static final int[] SPAN_MINUTES = {20, 25, 30, 35, 40};
    private static final double[] PSEUDO_COUNTS = {5, 10, 20};
    private static final int[] MEMORY_DAYS = {10, 14, 17};

    private DetectorSettingsGrid() {}

    /** Every combination, as candidates named after their settings. */
    public static List<NabCrossValidation.Candidate> candidates() {
        List<NabCrossValidation.Candidate> candidates = new ArrayList<>();
        for (int minutes : SPAN_MINUTES) {
            for (double pseudoCount : PSEUDO_COUNTS) {
                for (int days : MEMORY_DAYS) {
                    SeriesDetectorSettings settings = SeriesDetectorSettings.DEFAULTS
                            .withSpan(Duration.ofMinutes(minutes))
                            .withPseudoCount(pseudoCount)
                            .withMemoryDays(days);
                    candidates.add(
                            new NabCrossValidation.Candidate(label(settings), new DetectorScorerFactory(settings)));
                }
            }
        }
        return candidates;
    }

    /** A short name of the grid parameters, e.g. {@code span 30m, pseudo-count 10, memory 14 d}. */
    static String label(SeriesDetectorSettings settings) {
        return String.format(
                Locale.ROOT,
                "span %dm, pseudo-count %s, memory %d d",
                settings.span().toMinutes(),
                settings.pseudoCount() == Math.rint(settings.pseudoCount())
                        ? String.valueOf((long) settings.pseudoCount())
                        : String.valueOf(settings.pseudoCount()),
                settings.memoryDays());
    }
}
