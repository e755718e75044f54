package dev.releasewatch.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.releasewatch.detect.SeriesDetectorSettings;

/**
 * The candidate settings of the detector that cross-validation chooses among: its three parameters (false-alarm
 * probability, level memory, tail memory), each at its default and around it.
 */
public final class DetectorSettingsGrid {

    private static final double[] PROBABILITIES = {1e-3, 1e-4, 1e-5, 1e-6};
    private static final int[] LEVEL_MEMORIES = {32, 64, 128};
    private static final int[] TAIL_MEMORIES = {1008, 2016, 4032};

    private DetectorSettingsGrid() {}

    /** Every combination, as candidates named after their settings. */
    public static List<NabCrossValidation.Candidate> candidates() {
        List<NabCrossValidation.Candidate> candidates = new ArrayList<>();
        for (double p : PROBABILITIES) {
            for (int level : LEVEL_MEMORIES) {
                for (int tail : TAIL_MEMORIES) {
                    SeriesDetectorSettings settings = SeriesDetectorSettings.DEFAULTS
                            .withFalseAlarmProbability(p)
                            .withLevelMemory(level)
                            .withTailMemory(tail);
                    candidates.add(
                            new NabCrossValidation.Candidate(label(settings), new DetectorScorerFactory(settings)));
                }
            }
        }
        return candidates;
    }

    /** A short name of the settings, e.g. {@code p 1.0e-04, level 64, tail 2016}. */
    static String label(SeriesDetectorSettings settings) {
        return String.format(
                Locale.ROOT,
                "p %.1e, level %d, tail %d",
                settings.falseAlarmProbability(),
                settings.levelMemory(),
                settings.tailMemory());
    }
}
