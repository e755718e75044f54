package dev.releasewatch.detect;

import dev.releasewatch.avro.Direction;
import dev.releasewatch.avro.Severity;

/**
 * One observation judged against its expectation.
 *
 * <p>The score is computed when first asked for, not up front: the count model's tails are summed term by term (tens
 * to thousands of terms for a big category), every span of every subject is judged every hour, and most are ruled out
 * by their relative change alone, which {@link #exceeds} checks first. The score, when asked, is the same.
 */
final class Deviation {

    private final long observed;
    private final double expected;
    private final double dispersion;
    private final double relativeChange;
    private double score;
    private boolean scored;

    private Deviation(long observed, double expected, double dispersion) {
        this.observed = observed;
        this.expected = expected;
        this.dispersion = dispersion;
        this.relativeChange = observed / expected - 1;
    }

    /** Judges {@code observed} against a negative binomial with the given mean and dispersion. */
    static Deviation of(long observed, double expected, double dispersion) {
        return new Deviation(observed, expected, dispersion);
    }

    /** Releases counted in the span. */
    long observed() {
        return observed;
    }

    /** Releases expected in the span. */
    double expected() {
        return expected;
    }

    /** {@code observed / expected - 1}. */
    double relativeChange() {
        return relativeChange;
    }

    /** -log10 of the count model's tail probability in the direction of the deviation. */
    double score() {
        if (!scored) {
            score = new NegativeBinomial(expected, dispersion).score(observed);
            scored = true;
        }
        return score;
    }

    Direction direction() {
        return relativeChange < 0 ? Direction.DROP : Direction.SPIKE;
    }

    /**
     * Whether this is an alert: BOTH a relative change (so a big subject's statistically certain but harmless -15% is
     * not) AND an improbable count (so a small subject's noisy -60% is not).
     */
    boolean exceeds(DirectionMode mode, double minRelativeChange, double minScore) {
        boolean largeEnough = relativeChange < 0
                ? mode.drops() && relativeChange <= -minRelativeChange
                : mode.spikes() && relativeChange >= minRelativeChange;
        return largeEnough && score() >= minScore;
    }

    /**
     * Severity from improbability AND size: the lower of the two grades. A drop grades by its depth (60% WARNING, 80%
     * CRITICAL), a spike by its height (x2.5 WARNING, x4 CRITICAL); improbability grades by the score against the
     * threshold that fired (1.5x WARNING, 3x CRITICAL). A certain but shallow drop, or a deep drop of a tiny count,
     * stays INFO.
     */
    Severity severity(double minScore) {
        int size;
        if (relativeChange < 0) {
            size = relativeChange <= -0.8 ? 2 : relativeChange <= -0.6 ? 1 : 0;
        } else {
            size = relativeChange >= 3 ? 2 : relativeChange >= 1.5 ? 1 : 0;
        }
        int improbability = score() >= 3 * minScore ? 2 : score() >= 1.5 * minScore ? 1 : 0;
        return Severity.values()[Math.min(size, improbability)];
    }
}
