package dev.releasewatch.feed.synth;

import java.time.Duration;
import java.util.Objects;

/**
 * Extra sources that re-announce releases, for de-duplication tests: each mirror copies a release with some
 * probability, announcing it with its own constant clock offset plus a random delay. A copy may therefore carry an
 * <em>earlier</em> time than the primary (a mirror whose clock runs fast), which is the case the earliest-time rule
 * of de-duplication exists for. Copies keep the release's name and section; their source is {@code mirror-N}.
 *
 * @param count           number of mirrors (0 = none)
 * @param copyProbability chance that a mirror re-announces a given release
 * @param maxClockOffset  each mirror's clock is off by a fixed amount in [-max, +max]
 * @param maxDelay        each copy comes a further uniform [0, max] after the mirror's clock time
 */
public record Mirrors(int count, double copyProbability, Duration maxClockOffset, Duration maxDelay) {

    /** No mirrors. */
    public static final Mirrors NONE = new Mirrors(0, 0, Duration.ZERO, Duration.ZERO);

    /** Validates the ranges. */
    public Mirrors {
        Objects.requireNonNull(maxClockOffset, "maxClockOffset");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (count < 0
                || copyProbability < 0
                || copyProbability > 1
                || maxClockOffset.isNegative()
                || maxDelay.isNegative()
                || maxClockOffset.plus(maxDelay).compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException(
                    "mirrors: need count >= 0, probability in [0,1], offsets >= 0 and " + "offset + delay <= 1h, got "
                            + count + ", " + copyProbability + ", " + maxClockOffset + ", " + maxDelay);
        }
    }

    /**
     * A typical setup: {@code count} mirrors copying 60% of releases, clocks off by up to 20 s, delays up to 90 s.
     *
     * @param count number of mirrors
     * @return the settings
     */
    public static Mirrors typical(final int count) {
        return new Mirrors(count, 0.6, Duration.ofSeconds(20), Duration.ofSeconds(90));
    }
}
