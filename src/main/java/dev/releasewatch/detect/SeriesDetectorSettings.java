package dev.releasewatch.detect;

/**
 * The global parameters of {@link SeriesDetector}. One set serves every series: nothing here is chosen per series.
 *
 * <p>The defaults were chosen by cross-validation over all 52 NAB series in {@code shared/data/nab} (the six count
 * series and the 46 of {@code more/}); {@code evaluate-nab --cross-validate} reports what the choice is worth on a
 * series left out of the choosing. See {@code docs/detector.md}.
 *
 * @param falseAlarmProbability the probability per row, on a series behaving as it did lately, that a row opens an
 *                              incident: the detector's one threshold. Split evenly between the spans and directions
 *                              judged
 * @param levelMemory           rows the expectation (level and time-of-day profile) remembers: the weight of a new row
 *                              is 1 / levelMemory. Long against the longest span judged (27 rows), or a level shift is
 *                              absorbed before it is judged
 * @param tailMemory            rows of the judged statistics the tails are learned from (at least 200)
 * @param winsorisedTails       whether a statistic above its tail's level is remembered as the level (one incident
 *                              does not raise the bar for the next, but a burst the series makes routinely keeps
 *                              alarming) rather than as it is (the tail learns the series' routine bursts)
 * @param spreadShare           how evenly a span longer than one row must hold its deviation to open an incident: each
 *                              third of the span must hold, in the deviation's direction, more than this fraction of an
 *                              even third of it (0: every third deviates the same way; at most below 1). A longer span
 *                              is judged to find a shift too small to show in fewer rows; a burst the shorter spans
 *                              judged and let pass is not such a shift, however much it weighs in the longer sum
 * @param persistRows           consecutive rows a span of 9 rows or more must have been over its level before it
 *                              opens an incident (1: at once). A level shift persists; a wobble of a long sum that
 *                              crosses its level for a row or two does not
 */
public record SeriesDetectorSettings(
        double falseAlarmProbability,
        int levelMemory,
        int tailMemory,
        boolean winsorisedTails,
        double spreadShare,
        int persistRows) {

    /** The defaults: see {@code docs/detector.md} for how they were chosen. */
    public static final SeriesDetectorSettings DEFAULTS = new SeriesDetectorSettings(1e-7, 64, 4032, true, 0.5, 4);

    /** Rejects values that make no detector. */
    public SeriesDetectorSettings {
        if (!(falseAlarmProbability > 0 && falseAlarmProbability < 1)) {
            throw new IllegalArgumentException("falseAlarmProbability must lie in (0, 1): " + falseAlarmProbability);
        }
        if (levelMemory < 1) {
            throw new IllegalArgumentException("levelMemory must be at least 1: " + levelMemory);
        }
        if (tailMemory < SeriesTail.MIN_VALUES) {
            throw new IllegalArgumentException(
                    "tailMemory must be at least " + SeriesTail.MIN_VALUES + ": " + tailMemory);
        }
        if (!(spreadShare >= 0 && spreadShare < 1)) {
            throw new IllegalArgumentException("spreadShare must lie in [0, 1): " + spreadShare);
        }
        if (persistRows < 1) {
            throw new IllegalArgumentException("persistRows must be at least 1: " + persistRows);
        }
    }

    /** The same settings with another false-alarm probability. */
    public SeriesDetectorSettings withFalseAlarmProbability(double p) {
        return new SeriesDetectorSettings(p, levelMemory, tailMemory, winsorisedTails, spreadShare, persistRows);
    }

    /** The same settings with another level memory. */
    public SeriesDetectorSettings withLevelMemory(int rows) {
        return new SeriesDetectorSettings(
                falseAlarmProbability, rows, tailMemory, winsorisedTails, spreadShare, persistRows);
    }

    /** The same settings with another tail memory. */
    public SeriesDetectorSettings withTailMemory(int rows) {
        return new SeriesDetectorSettings(
                falseAlarmProbability, levelMemory, rows, winsorisedTails, spreadShare, persistRows);
    }

    /** The same settings with another spread share. */
    public SeriesDetectorSettings withSpreadShare(double share) {
        return new SeriesDetectorSettings(
                falseAlarmProbability, levelMemory, tailMemory, winsorisedTails, share, persistRows);
    }

    /** The same settings with another number of rows a long span must persist over its level. */
    public SeriesDetectorSettings withPersistRows(int rows) {
        return new SeriesDetectorSettings(
                falseAlarmProbability, levelMemory, tailMemory, winsorisedTails, spreadShare, rows);
    }

    /** The same settings with winsorised or plain tails. */
    public SeriesDetectorSettings withWinsorisedTails(boolean winsorised) {
        return new SeriesDetectorSettings(
                falseAlarmProbability, levelMemory, tailMemory, winsorised, spreadShare, persistRows);
    }
}
