package dev.releasewatch.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.releasewatch.detect.SeriesDetectorSettings;

/**
 * The candidate settings of the detector that cross-validation chooses among: the false-alarm probability, the level
 * memory, the tail memory and whether the tails are winsorised, each at its default and around it (60 candidates).
 * A tail memory of 1008 rows (three and a half days of five-minute rows) was tried and left out: at the then defaults
 * it scored 58.7 on all 52 NAB series against 65.2 for 2016, with half as many false alarms again, too short a memory
 * for a tail fitted to its top 2%. Leaving it out was decided on the same series, so it is in-sample.
 */
public final class DetectorSettingsGrid {

    private static final double[] PROBABILITIES = {1e-4, 1e-5, 1e-6, 1e-7, 1e-8};
    private static final int[] LEVEL_MEMORIES = {32, 64, 128};
    private static final int[] TAIL_MEMORIES = {2016, 4032};
    private static final boolean[] WINSORISED = {true, false};

    private DetectorSettingsGrid() {}

    /** Every combination, as candidates named after their settings. */
    public static List<NabCrossValidation.Candidate> candidates() {
        List<NabCrossValidation.Candidate> candidates = new ArrayList<>();
        for (double p : PROBABILITIES) {
            for (int level : LEVEL_MEMORIES) {
                for (int tail : TAIL_MEMORIES) {
                    for (boolean winsorised : WINSORISED) {
                        SeriesDetectorSettings settings = SeriesDetectorSettings.DEFAULTS
                                .withFalseAlarmProbability(p)
                                .withLevelMemory(level)
                                .withTailMemory(tail)
                                .withWinsorisedTails(winsorised);
                        candidates.add(
                                new NabCrossValidation.Candidate(label(settings), new DetectorScorerFactory(settings)));
                    }
                }
            }
        }
        return candidates;
    }

    /** A short name of the settings, e.g. {@code p 1.0e-06, level 64, tail 2016, winsorised}. */
    static String label(SeriesDetectorSettings settings) {
        return String.format(
                Locale.ROOT,
                "p %.1e, level %d, tail %d, %s",
                settings.falseAlarmProbability(),
                settings.levelMemory(),
                settings.tailMemory(),
                settings.winsorisedTails() ? "winsorised" : "plain");
    }
}
