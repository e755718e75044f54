package dev.releasewatch.feed.synth;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Something that makes a synthetic feed deviate from its normal behaviour. Scenarios are lists of effects.
 *
 * <p>Two kinds exist, on purpose. <em>Scaling</em> effects ({@link ScaleAll}, {@link ScaleSection},
 * {@link ScaleGroup}, {@link LaunchSection}) change who releases, and the total follows from them: an outage of one
 * section lowers the total by exactly that section's share. <em>Pinning</em> effects ({@link SceneLevel},
 * {@link DayTotal}, {@link PeriodTotal}) fix the total to published figures and let the scaling effects decide only the
 * composition: the SPARKS raid is known by its daily totals, not by a list of every group that stopped.
 */
public sealed interface FeedEffect {

    /**
     * Scales every section and group, e.g. a slow decline, a feed gap (factor 0) or quiet holidays.
     *
     * @param curve the multiplier over time
     */
    record ScaleAll(FactorCurve curve) implements FeedEffect {
        /** Checks the curve is present. */
        public ScaleAll {
            Objects.requireNonNull(curve, "curve");
        }
    }

    /**
     * Scales one section (all its groups), e.g. the section's source breaking.
     *
     * @param section the section as the generator names it (canonical, e.g. {@code MP3})
     * @param curve   the multiplier over time
     */
    record ScaleSection(String section, FactorCurve curve) implements FeedEffect {
        /** Checks both parts are present. */
        public ScaleSection {
            Objects.requireNonNull(section, "section");
            Objects.requireNonNull(curve, "curve");
        }
    }

    /**
     * Scales one group in every section it releases in, e.g. factor 0 from a date: the group went silent.
     *
     * @param group the group name
     * @param curve the multiplier over time
     */
    record ScaleGroup(String group, FactorCurve curve) implements FeedEffect {
        /** Checks both parts are present. */
        public ScaleGroup {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(curve, "curve");
        }
    }

    /**
     * Adds a section that does not exist in the standard catalog, e.g. a brand-new category or extra low-volume ones.
     * Unlike other curves, this one counts as 0 before its first point: the section does not exist yet.
     *
     * @param profile the section's behaviour
     * @param curve   its multiplier over time from its first point (e.g. a hold at 1 from the launch)
     */
    record LaunchSection(SectionProfile profile, FactorCurve curve) implements FeedEffect {
        /** Checks both parts are present and the curve has a start. */
        public LaunchSection {
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(curve, "curve");
            if (curve.points().isEmpty()) {
                throw new IllegalArgumentException("a launched section needs a curve with a start point");
            }
        }
    }

    /**
     * Pins the whole feed's expected volume to a fraction of its normal volume (noise still applies); the scaling
     * effects then decide only which sections and groups the releases come from.
     *
     * @param curve the fraction of normal volume over time
     */
    record SceneLevel(FactorCurve curve) implements FeedEffect {
        /** Checks the curve is present. */
        public SceneLevel {
            Objects.requireNonNull(curve, "curve");
        }
    }

    /**
     * Pins one UTC day's total to an exact count (a published figure).
     *
     * @param day   the day
     * @param total releases that day
     */
    record DayTotal(LocalDate day, int total) implements FeedEffect {
        /** Checks the values. */
        public DayTotal {
            Objects.requireNonNull(day, "day");
            if (total < 0) {
                throw new IllegalArgumentException("total must be >= 0");
            }
        }
    }

    /**
     * Pins the sum over a span of UTC days to an exact count (a published weekly figure); the days without a
     * {@link DayTotal} are scaled together, so their noise and weekday shape survive.
     *
     * @param from  first day
     * @param to    last day, inclusive
     * @param total releases in the span
     */
    record PeriodTotal(LocalDate from, LocalDate to, int total) implements FeedEffect {
        /** Checks the values. */
        public PeriodTotal {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (to.isBefore(from) || total < 0) {
                throw new IllegalArgumentException("need from <= to and total >= 0");
            }
        }
    }
}
