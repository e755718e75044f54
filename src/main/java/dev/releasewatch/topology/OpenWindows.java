package dev.releasewatch.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.releasewatch.avro.ClosedWindow;
import dev.releasewatch.avro.Contribution;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.SubjectCount;

/**
 * Partial counts of the hour and day windows one counting task has not closed yet. Only in memory: on a
 * restart they are rebuilt from the de-duplication store, which holds every release of the open windows
 * (its retention is longer than a day plus the grace), so the per-record path writes one store entry
 * instead of five counters.
 */
final class OpenWindows {

    static final String TOTAL = "*";

    private final WindowClock clock;
    private final TreeMap<Long, Partial> hours = new TreeMap<>();
    private final TreeMap<Long, Partial> days = new TreeMap<>();
    /** The hour and day last counted in: consecutive records nearly always fall in them (no lookup, no boxing). */
    private Partial lastHour;

    private Partial lastDay;

    OpenWindows(WindowClock clock) {
        this.clock = clock;
    }

    /** Counts one release at event time {@code t}. */
    void add(long t, String category, String group) {
        addToHour(t, category, group);
        addToDay(t, category, group);
    }

    /**
     * Counts a remembered release again after a restart, in those of its windows that are still open: its
     * hour may have closed while its day is still open, and the day must count it all the same.
     */
    void restore(long t, String category, String group, long watermark) {
        if (clock.hourStart(t) + WindowClock.HOUR > watermark) {
            addToHour(t, category, group);
        }
        if (clock.dayEnd(t) > watermark) {
            addToDay(t, category, group);
        }
    }

    /**
     * Counts one nuke or unnuke at event time {@code t} (the time of the nuke): for the feed and the category
     * in its hour, and also for the group in its day.
     */
    void addNuke(long t, boolean unnuke, String category, String group) {
        hour(t).nukes.add(unnuke, category, null);
        day(t).nukes.add(unnuke, category, group);
    }

    /** Counts a remembered nuke again after a restart, in those of its windows that are still open. */
    void restoreNuke(long t, boolean unnuke, String category, String group, long watermark) {
        if (clock.hourStart(t) + WindowClock.HOUR > watermark) {
            hour(t).nukes.add(unnuke, category, null);
        }
        if (clock.dayEnd(t) > watermark) {
            day(t).nukes.add(unnuke, category, group);
        }
    }

    /**
     * One record of {@code source} (see {@link SourceTally}) in the hour window holding {@code t}, which must be open.
     */
    void activity(long t, String source, int kind) {
        hour(t).sources.record(source, kind, t);
    }

    private Partial hour(long t) {
        Partial last = lastHour;
        if (last != null && t >= last.start && t < last.end) {
            return last;
        }
        long hourStart = clock.hourStart(t);
        Partial hour = hours.get(hourStart);
        if (hour == null) {
            hour = new Partial(Granularity.HOUR, hourStart, hourStart + WindowClock.HOUR);
            hours.put(hourStart, hour);
        }
        lastHour = hour;
        return hour;
    }

    private Partial day(long t) {
        Partial last = lastDay;
        if (last != null && t >= last.start && t < last.end) {
            return last;
        }
        long dayStart = clock.dayStart(t);
        Partial day = days.get(dayStart);
        if (day == null) {
            day = new Partial(Granularity.DAY, dayStart, clock.dayEnd(t));
            days.put(dayStart, day);
        }
        lastDay = day;
        return day;
    }

    private void addToHour(long t, String category, String group) {
        Partial hour = hour(t);
        hour.total++;
        hour.categories.increment(category);
        hour.groups.increment(group);
    }

    private void addToDay(long t, String category, String group) {
        Partial day = day(t);
        day.total++;
        day.categories.increment(category);
        day.groups.increment(group);
        day.contributions.computeIfAbsent(category, c -> new Tally()).increment(group);
    }

    /**
     * Takes back one release counted at {@code t} (its windows must still be open), when a mirror's
     * earlier announcement of the same release moves it to an earlier time.
     */
    void remove(long t, String category, String group) {
        Partial hour = hours.get(clock.hourStart(t));
        Partial day = days.get(clock.dayStart(t));
        if (hour == null || day == null) {
            throw new IllegalStateException("no open window holds " + t);
        }
        hour.total--;
        hour.categories.decrement(category);
        hour.groups.decrement(group);
        day.total--;
        day.categories.decrement(category);
        day.groups.decrement(group);
        day.contributions.get(category).decrement(group);
    }

    /**
     * Removes and returns every window ending at or before {@code watermark}, ordered by end, an hour
     * before the day that ends with it.
     */
    List<ClosedWindow> closeThrough(long watermark) {
        List<Partial> closing = new ArrayList<>();
        drain(hours, watermark, closing);
        drain(days, watermark, closing);
        lastHour = null;
        lastDay = null;
        closing.sort((a, b) -> a.end != b.end ? Long.compare(a.end, b.end) : a.granularity.compareTo(b.granularity));
        List<ClosedWindow> out = new ArrayList<>(closing.size());
        for (Partial p : closing) {
            out.add(p.toClosedWindow());
        }
        return out;
    }

    private static void drain(TreeMap<Long, Partial> windows, long watermark, List<Partial> into) {
        while (!windows.isEmpty() && windows.firstEntry().getValue().end <= watermark) {
            into.add(windows.pollFirstEntry().getValue());
        }
    }

    /** Number of open windows, for tests and metrics. */
    int size() {
        return hours.size() + days.size();
    }

    private static final class Partial {
        final Granularity granularity;
        final long start;
        final long end;
        long total;
        final Tally categories = new Tally();
        final Tally groups = new Tally();
        final Map<String, Tally> contributions = new HashMap<>();
        final NukeTally nukes = new NukeTally();
        final SourceTally sources = new SourceTally();

        Partial(Granularity granularity, long start, long end) {
            this.granularity = granularity;
            this.start = start;
            this.end = end;
        }

        ClosedWindow toClosedWindow() {
            List<SubjectCount> counts = new ArrayList<>();
            counts.add(new SubjectCount(Scope.TOTAL, TOTAL, total));
            categories.forEach((name, n) -> counts.add(new SubjectCount(Scope.CATEGORY, name, n)));
            groups.forEach((name, n) -> counts.add(new SubjectCount(Scope.GROUP, name, n)));
            List<Contribution> contribution = new ArrayList<>();
            contributions.forEach((category, tally) ->
                    tally.forEach((group, n) -> contribution.add(new Contribution(category, group, n))));
            return new ClosedWindow(
                    granularity,
                    Instant.ofEpochMilli(start),
                    Instant.ofEpochMilli(end),
                    counts,
                    contribution,
                    nukes.toNukeCounts(),
                    sources.toSourceActivities());
        }
    }
}
