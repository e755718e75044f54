package dev.releasewatch.evaluate;

/**
 * A detector's NAB score over a set of series under one profile.
 *
 * @param raw            the sum of the window and detection scores (NAB's raw score)
 * @param windows        W, the number of labelled windows in the set
 * @param truePositives  windows with at least one detection
 * @param falseNegatives windows with none
 * @param falsePositives detections outside every window, after the probationary period
 */
public record NabScore(double raw, int windows, int truePositives, int falseNegatives, int falsePositives) {

    /** The score of nothing: the identity of {@link #plus}. */
    public static final NabScore EMPTY = new NabScore(0, 0, 0, 0, 0);

    /** The score of the union of two disjoint sets of series: NAB sums raw scores and window counts. */
    public NabScore plus(NabScore other) {
        return new NabScore(
                raw + other.raw,
                windows + other.windows,
                truePositives + other.truePositives,
                falseNegatives + other.falseNegatives,
                falsePositives + other.falsePositives);
    }

    /**
     * NAB's normalised score, 100 * (raw - null) / (perfect - null), with null = -A_FN * W (never firing) and
     * perfect = A_TP * W (firing on the first row of every window and nowhere else).
     *
     * @param profile the profile the raw score was computed under
     */
    public double normalised(NabProfile profile) {
        double nullScore = -profile.fnWeight() * windows;
        double perfect = profile.tpWeight() * windows;
        return 100 * (raw - nullScore) / (perfect - nullScore);
    }

    /** {@code TP/FN/FP}, the way NAB-style tables print the counts. */
    public String counts() {
        return truePositives + "/" + falseNegatives + "/" + falsePositives;
    }
}
