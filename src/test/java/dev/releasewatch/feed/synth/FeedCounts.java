package dev.releasewatch.feed.synth;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.feed.GroupName;

/** Counts of a generated feed by day, hour, section and group, gathered in one pass for the scenario checks. */
final class FeedCounts {

    private final Map<LocalDate, Integer> perDay = new HashMap<>();
    private final Map<Instant, Integer> perHour = new HashMap<>();
    private final Map<String, Map<LocalDate, Integer>> perSectionDay = new HashMap<>();
    private final Map<String, Map<Instant, Integer>> perSectionHour = new HashMap<>();
    private final Map<String, Map<LocalDate, Integer>> perGroupDay = new HashMap<>();

    FeedCounts(final SyntheticFeed feed) {
        for (ReleaseAnnouncement r : feed) {
            final LocalDate day = r.getTime().atZone(ZoneOffset.UTC).toLocalDate();
            final Instant hour = r.getTime().truncatedTo(ChronoUnit.HOURS);
            perDay.merge(day, 1, Integer::sum);
            perHour.merge(hour, 1, Integer::sum);
            perSectionDay.computeIfAbsent(r.getSection(), s -> new HashMap<>()).merge(day, 1, Integer::sum);
            perSectionHour.computeIfAbsent(r.getSection(), s -> new HashMap<>()).merge(hour, 1, Integer::sum);
            perGroupDay
                    .computeIfAbsent(GroupName.of(r.getName()), g -> new HashMap<>())
                    .merge(day, 1, Integer::sum);
        }
    }

    int day(final LocalDate day) {
        return perDay.getOrDefault(day, 0);
    }

    int days(final LocalDate from, final LocalDate toInclusive) {
        int sum = 0;
        for (LocalDate d = from; !d.isAfter(toInclusive); d = d.plusDays(1)) {
            sum += day(d);
        }
        return sum;
    }

    /** Events in [from, to), hour-aligned instants. */
    int hours(final Instant from, final Instant to) {
        int sum = 0;
        for (Instant h = from; h.isBefore(to); h = h.plus(1, ChronoUnit.HOURS)) {
            sum += perHour.getOrDefault(h, 0);
        }
        return sum;
    }

    int section(final String section, final LocalDate day) {
        return perSectionDay.getOrDefault(section, Map.of()).getOrDefault(day, 0);
    }

    int sectionDays(final String section, final LocalDate from, final LocalDate toInclusive) {
        int sum = 0;
        for (LocalDate d = from; !d.isAfter(toInclusive); d = d.plusDays(1)) {
            sum += section(section, d);
        }
        return sum;
    }

    int sectionHours(final String section, final Instant from, final Instant to) {
        int sum = 0;
        for (Instant h = from; h.isBefore(to); h = h.plus(1, ChronoUnit.HOURS)) {
            sum += perSectionHour.getOrDefault(section, Map.of()).getOrDefault(h, 0);
        }
        return sum;
    }

    int groupDays(final String group, final LocalDate from, final LocalDate toInclusive) {
        int sum = 0;
        for (LocalDate d = from; !d.isAfter(toInclusive); d = d.plusDays(1)) {
            sum += perGroupDay.getOrDefault(group, Map.of()).getOrDefault(d, 0);
        }
        return sum;
    }

    /** Mean daily total of the same weekday over the {@code weeks} weeks before {@code day}. */
    double sameWeekdayBefore(final LocalDate day, final int weeks) {
        double sum = 0;
        for (int w = 1; w <= weeks; w++) {
            sum += day(day.minusWeeks(w));
        }
        return sum / weeks;
    }

    /** Same as {@link #sameWeekdayBefore} for one section. */
    double sectionSameWeekdayBefore(final String section, final LocalDate day, final int weeks) {
        double sum = 0;
        for (int w = 1; w <= weeks; w++) {
            sum += section(section, day.minusWeeks(w));
        }
        return sum / weeks;
    }

    static boolean weekend(final LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
