package dev.releasewatch.feed.synth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How one section of the synthetic feed behaves on a normal day.
 *
 * @param section      the section name the feed announces (canonical, e.g. {@code TV-X264})
 * @param weekdayMean  expected releases on an ordinary weekday (the week pattern scales the other days)
 * @param week         day-of-week pattern
 * @param hours        hour-of-day pattern (UTC)
 * @param style        how names look
 * @param namedGroups  groups with a known productivity, name → releases per weekday in this section; they come first
 * @param tailGroups   how many further groups share the rest of {@code weekdayMean}, with Zipf-like (1/rank^1.1)
 *                     productivity: a few prolific groups, a long tail of occasional ones
 */
public record SectionProfile(
        String section,
        double weekdayMean,
        WeekPattern week,
        HourPattern hours,
        NameStyle style,
        Map<String, Double> namedGroups,
        int tailGroups) {

    /** Validates and copies the group map, keeping its order. */
    public SectionProfile {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(week, "week");
        Objects.requireNonNull(hours, "hours");
        Objects.requireNonNull(style, "style");
        namedGroups = Collections.unmodifiableMap(new LinkedHashMap<>(namedGroups));
        final double named =
                namedGroups.values().stream().mapToDouble(Double::doubleValue).sum();
        if (weekdayMean <= 0 || named > weekdayMean || tailGroups < 0 || (tailGroups == 0 && named < weekdayMean)) {
            throw new IllegalArgumentException("inconsistent volume for section " + section + ": mean " + weekdayMean
                    + ", named groups " + named + ", tail groups " + tailGroups);
        }
    }

    /**
     * A section with only a tail of anonymous groups.
     *
     * @param section     the section name
     * @param weekdayMean releases per weekday
     * @param week        day-of-week pattern
     * @param hours       hour-of-day pattern
     * @param style       name style
     * @param tailGroups  number of groups
     * @return the profile
     */
    public static SectionProfile of(
            final String section,
            final double weekdayMean,
            final WeekPattern week,
            final HourPattern hours,
            final NameStyle style,
            final int tailGroups) {
        return new SectionProfile(section, weekdayMean, week, hours, style, Map.of(), tailGroups);
    }
}
