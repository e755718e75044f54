package dev.releasewatch.feed.synth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Extra sources that re-announce releases, for de-duplication and event-time tests: each mirror copies a release
 * with some probability, announcing it with its own constant clock offset plus a random delay. A copy may therefore
 * carry an <em>earlier</em> time than the primary (a mirror whose clock runs fast), which is the case the
 * earliest-time rule of de-duplication exists for. Copies keep the release's name and section; their source is
 * {@code mirror-N}.
 *
 * <p>Two faults of real mirrors can be added. A fraction of the copies may carry a clock {@code skew} ahead (only
 * the stamp is wrong: the copy still arrives, in file order, when its correct stamp says). And a <em>slow
 * mirror</em> ({@code mirror-slow}) may re-announce releases {@code slowDelay} after the primary, carrying the
 * primary's original stamp (as pre databases copy the pre time), so its copies arrive hours behind event time.
 *
 * @param count           number of mirrors (0 = none)
 * @param copyProbability chance that a mirror re-announces a given release
 * @param maxClockOffset  each mirror's clock is off by a fixed amount in [-max, +max]
 * @param maxDelay        each copy comes a further uniform [0, max] after the mirror's clock time
 * @param skewFraction    fraction of the mirrors' copies stamped {@code skew} ahead of their arrival
 * @param skew            how far ahead a skewed copy is stamped
 * @param slowDelay       delay of the slow mirror's copies (zero: no slow mirror)
 * @param silentFrom      the first mirror ({@code mirror-1}) sends nothing from here (null: never silent), the way a
 *                        mirror that stops looks: the others still announce every release
 * @param silentTo        ... until here (exclusive)
 */
public record Mirrors(
        int count,
        double copyProbability,
        Duration maxClockOffset,
        Duration maxDelay,
        double skewFraction,
        Duration skew,
        Duration slowDelay,
        Instant silentFrom,
        Instant silentTo) {

    /** No mirrors. */
    public static final Mirrors NONE = new Mirrors(0, 0, Duration.ZERO, Duration.ZERO);

    /** Source id of the slow mirror. */
    public static final String SLOW_SOURCE = "mirror-slow";

    /** Validates the ranges. */
    public Mirrors {
        Objects.requireNonNull(maxClockOffset, "maxClockOffset");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(skew, "skew");
        Objects.requireNonNull(slowDelay, "slowDelay");
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
        if (!(skewFraction >= 0 && skewFraction <= 1)
                || skew.isNegative()
                || slowDelay.isNegative()
                || slowDelay.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("mirrors: need a skew fraction in [0,1], a skew >= 0 and a slow delay "
                    + "in [0, 1d], got " + skewFraction + ", " + skew + ", " + slowDelay);
        }
        if ((silentFrom == null) != (silentTo == null) || (silentFrom != null && !silentFrom.isBefore(silentTo))) {
            throw new IllegalArgumentException(
                    "mirrors: a silence needs a start before its end, got " + silentFrom + ", " + silentTo);
        }
    }

    /** Mirrors without clock faults. */
    public Mirrors(int count, double copyProbability, Duration maxClockOffset, Duration maxDelay) {
        this(count, copyProbability, maxClockOffset, maxDelay, 0, Duration.ZERO, Duration.ZERO, null, null);
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

    /** The same with a fraction of the copies stamped {@code by} ahead. */
    public Mirrors withSkew(final double fraction, final Duration by) {
        return new Mirrors(
                count, copyProbability, maxClockOffset, maxDelay, fraction, by, slowDelay, silentFrom, silentTo);
    }

    /** The same plus a slow mirror re-announcing {@code delay} after the primary with the primary's stamp. */
    public Mirrors withSlowMirror(final Duration delay) {
        return new Mirrors(
                count, copyProbability, maxClockOffset, maxDelay, skewFraction, skew, delay, silentFrom, silentTo);
    }

    /** The same with another share of re-announced releases and another largest delay. */
    public Mirrors withCopies(final double probability, final Duration delay) {
        return new Mirrors(
                count, probability, maxClockOffset, delay, skewFraction, skew, slowDelay, silentFrom, silentTo);
    }

    /** The same with the first mirror silent from {@code from} to {@code to}: it stops, the others go on. */
    public Mirrors withSilence(final Instant from, final Instant to) {
        return new Mirrors(count, copyProbability, maxClockOffset, maxDelay, skewFraction, skew, slowDelay, from, to);
    }
}
