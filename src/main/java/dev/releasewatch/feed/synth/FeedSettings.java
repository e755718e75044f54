package dev.releasewatch.feed.synth;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that determines a synthetic feed: equal settings give byte-identical output.
 *
 * @param from       first UTC day
 * @param to         last UTC day, inclusive
 * @param seed       the random seed
 * @param volume     multiplier on the standard volume (1 = about 1,980 releases per ordinary weekday, 12,800 a week)
 * @param effects    deviations from normal (scenarios), applied in addition to the quiet days
 * @param quietDays  calendar days with less activity, day → fraction of normal (see {@link #SCENE_HOLIDAYS})
 * @param mirrors    duplicate announcements from mirror sources
 * @param source     source id of the primary announcements
 * @param nukeRate   fraction of releases nuked later the same day (some of them unnuked again); 0 for none
 */
public record FeedSettings(
        LocalDate from,
        LocalDate to,
        long seed,
        double volume,
        List<FeedEffect> effects,
        Map<MonthDay, Double> quietDays,
        Mirrors mirrors,
        String source,
        double nukeRate) {

    /**
     * Year-end holidays, when the scene is markedly quieter: 24–26 December and 31 December–1 January. They are part
     * of every feed by default because a real feed has them and a monitor must live with them (issue 3).
     */
    public static final Map<MonthDay, Double> SCENE_HOLIDAYS = Map.of(
            MonthDay.of(12, 24),
            0.62,
            MonthDay.of(12, 25),
            0.50,
            MonthDay.of(12, 26),
            0.60,
            MonthDay.of(12, 31),
            0.68,
            MonthDay.of(1, 1),
            0.55);

    /** Demo range start: 1 June 2020. */
    public static final LocalDate DEMO_FROM = LocalDate.of(2020, 6, 1);
    /** Demo range end: 31 October 2020. */
    public static final LocalDate DEMO_TO = LocalDate.of(2020, 10, 31);
    /** Default seed. */
    public static final long DEFAULT_SEED = 42;
    /** Default source id of primary announcements. */
    public static final String DEFAULT_SOURCE = "synthetic";

    /** Validates and copies. */
    public FeedSettings {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to (" + to + ") is before from (" + from + ")");
        }
        if (!(volume > 0) || volume > 1000) {
            throw new IllegalArgumentException("volume must be in (0, 1000], got " + volume);
        }
        effects = List.copyOf(effects);
        quietDays = Map.copyOf(quietDays);
        Objects.requireNonNull(mirrors, "mirrors");
        Objects.requireNonNull(source, "source");
        if (!(nukeRate >= 0 && nukeRate <= 0.5)) {
            throw new IllegalArgumentException("nukeRate must be in [0, 0.5], got " + nukeRate);
        }
    }

    /**
     * A normal feed over a range: standard volume, holidays, no effects, no mirrors.
     *
     * @param from first day
     * @param to   last day, inclusive
     * @param seed the seed
     * @return the settings
     */
    public static FeedSettings normal(final LocalDate from, final LocalDate to, final long seed) {
        return new FeedSettings(from, to, seed, 1.0, List.of(), SCENE_HOLIDAYS, Mirrors.NONE, DEFAULT_SOURCE, 0);
    }

    /**
     * @param newFrom first day
     * @param newTo   last day, inclusive
     * @return a copy over another range
     */
    public FeedSettings withRange(final LocalDate newFrom, final LocalDate newTo) {
        return new FeedSettings(newFrom, newTo, seed, volume, effects, quietDays, mirrors, source, nukeRate);
    }

    /**
     * @param newSeed the seed
     * @return a copy with another seed
     */
    public FeedSettings withSeed(final long newSeed) {
        return new FeedSettings(from, to, newSeed, volume, effects, quietDays, mirrors, source, nukeRate);
    }

    /**
     * @param newVolume the volume multiplier
     * @return a copy with another volume
     */
    public FeedSettings withVolume(final double newVolume) {
        return new FeedSettings(from, to, seed, newVolume, effects, quietDays, mirrors, source, nukeRate);
    }

    /**
     * @param newMirrors the mirror setup
     * @return a copy with those mirrors
     */
    public FeedSettings withMirrors(final Mirrors newMirrors) {
        return new FeedSettings(from, to, seed, volume, effects, quietDays, newMirrors, source, nukeRate);
    }

    /**
     * @param newNukeRate fraction of releases nuked later the same day
     * @return a copy with that nuke rate
     */
    public FeedSettings withNukes(final double newNukeRate) {
        return new FeedSettings(from, to, seed, volume, effects, quietDays, mirrors, source, newNukeRate);
    }

    /**
     * @param more further effects
     * @return a copy with these effects appended
     */
    public FeedSettings withEffects(final List<FeedEffect> more) {
        final List<FeedEffect> all = new ArrayList<>(effects);
        all.addAll(more);
        return new FeedSettings(from, to, seed, volume, all, quietDays, mirrors, source, nukeRate);
    }
}
