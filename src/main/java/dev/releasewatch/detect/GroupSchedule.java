package dev.releasewatch.detect;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import dev.releasewatch.avro.Scope;

/**
 * When a group must next be looked at at a day close even if it releases nothing, so that a day costs what its active
 * groups cost, not what every group ever seen costs (a public feed has 10⁵–10⁶ groups, most of them releasing a few
 * times a year).
 *
 * <p>A group is loaded on a day when it released or was nuked that day, or when it is due: every day while it has an
 * open incident or {@link #mayBeJudged may be judged}, otherwise on the day it is to be forgotten ({@code
 * forget-after-days} after its last release). The days it was not loaded on are zero days; they are appended when it is
 * next loaded ({@link #catchUp}), with the flags the day-by-day path would have given them, so its state is the one it
 * would have had. Nothing else would have happened on those days: a group that cannot be judged opens no incident, is
 * not in the silence watch, and is not forgotten before its forget day.
 *
 * <p>Its due day is kept in its state and in a {@link DueIndex} ({@code due/}), which the day close reads up to today.
 */
final class GroupSchedule {

    private static final String DUE_PREFIX = "due/";
    /**
     * A group is loaded every day while its level could reach this share of {@code group-min-daily-rate}: the bound of
     * {@link #mayBeJudged} takes today's weekday factors of the feed as the prior, and the margin covers the feed's
     * quietest weekday becoming up to twice as quiet before the group is next loaded.
     */
    private static final double JUDGEABLE_MARGIN = 0.5;

    private final DueIndex due;
    private final DetectorSettings settings;
    private final boolean everyDay;

    /**
     * @param everyDay load every known group every day, as before schedules existed (for the test that the catch-up
     *                 gives the same state)
     */
    GroupSchedule(SubjectStore store, DetectorSettings settings, boolean everyDay) {
        this.due = new DueIndex(store, DUE_PREFIX);
        this.settings = settings;
        this.everyDay = everyDay;
    }

    /** The groups due by local epoch day {@code day}, by name, with the day each is due. */
    Map<String, Long> dueBy(long day) {
        Map<String, Long> groups = new TreeMap<>();
        for (DueIndex.Due d : due.dueBy(day)) {
            groups.put(d.name(), d.time());
        }
        return groups;
    }

    /** Drops the index entry of a group that has no state any more. */
    void dropStale(String group, long dueDay) {
        due.remove(dueDay, group);
    }

    /**
     * Appends the zero days a group was not loaded on, through local epoch day {@code throughDay}, each flagged quiet
     * on a quiet date as a day close would have.
     */
    void catchUp(SubjectState s, long throughDay) {
        if (s.newestDay == Long.MIN_VALUE) {
            return;
        }
        for (long d = s.newestDay + 1; d <= throughDay; d++) {
            s.appendDay(d, 0, settings.isQuiet(LocalDate.ofEpochDay(d)) ? SubjectState.FLAG_QUIET : 0);
        }
    }

    /**
     * Sets the group's next due day after day {@code day} was applied to it, and moves its index entry.
     *
     * @param prior the weekday factors its baseline is shrunk towards (the feed's)
     */
    void schedule(SubjectState s, long day, double[] prior) {
        long next;
        if (everyDay || s.incident != null || s.lastActiveDay == Long.MIN_VALUE || mayBeJudged(s, prior)) {
            next = day + 1;
        } else {
            next = Math.max(day + 1, s.lastActiveDay + settings.forgetAfterDays());
        }
        moveTo(s, next);
    }

    /** Makes the group due on {@code day} at the latest (e.g. after an operator decision changed its baseline). */
    void dueBy(SubjectState s, long day) {
        if (s.dueDay == Long.MIN_VALUE || s.dueDay > day) {
            moveTo(s, day);
        }
    }

    /** Removes a forgotten group from the index. */
    void unschedule(SubjectState s) {
        moveTo(s, Long.MIN_VALUE);
    }

    private void moveTo(SubjectState s, long day) {
        due.move(s.dueDay, day, s.subject);
        s.dueDay = day;
    }

    /**
     * Whether any baseline of this state, or of it with zero days appended, could have a level of {@link
     * #JUDGEABLE_MARGIN} times {@code group-min-daily-rate} or more. An upper bound, cheap to take: the level is a
     * trimmed mean of at least {@code m} weekday-normalised days ({@code m} = min(level-days, warmup-days), or 1 after
     * a rebase), so it is at most the mean of the {@code k = m - 2 * trimmed} biggest days it may use divided by the
     * smallest weekday factor (the mean of the middle {@code k} of any {@code m} values is at most the mean of the
     * {@code k} biggest); a factor is at least the prior's smallest times {@code 500/(S+500) *
     * 3500/(3500+S)} for a history of {@code S} releases (the 500 pseudo-releases of {@link
     * DailyBaseline#WEEKDAY_SHRINK}). Appending zero days only lowers both the releases and {@code S}.
     */
    boolean mayBeJudged(SubjectState s, double[] prior) {
        double total = 0;
        int[] usable = new int[s.dayCount];
        int n = 0;
        for (int i = 0; i < s.dayCount; i++) {
            total += s.days[i];
            if (s.dayAt(i) >= s.rebaseDay) {
                usable[n++] = s.days[i];
            }
        }
        int fewest = s.rebaseDay == Long.MIN_VALUE ? Math.min(settings.levelDays(), settings.warmupDays()) : 1;
        int kept = Integer.MAX_VALUE;
        for (int m = fewest; m <= Math.max(fewest, settings.levelDays()); m++) {
            int cut = m >= 5 ? Math.max(1, m / 10) : 0;
            kept = Math.min(kept, m - 2 * cut);
        }
        Arrays.sort(usable, 0, n);
        double top = 0;
        for (int i = n - 1; i >= Math.max(0, n - kept); i--) {
            top += usable[i];
        }
        if (top == 0) {
            return false;
        }
        double smallest = Double.MAX_VALUE;
        for (double p : prior) {
            smallest = Math.min(smallest, p);
        }
        double shrink = DailyBaseline.WEEKDAY_SHRINK;
        double factor = smallest * shrink / (total + shrink) * (7 * shrink) / (7 * shrink + total);
        return top / (factor * kept) >= JUDGEABLE_MARGIN * settings.groupMinDailyRate();
    }

    /** Adds the groups due by {@code day}  that are not loaded yet. */
    void loadDue(long day, SubjectStates states, Map<String, SubjectState> loaded) {
        for (var due : dueBy(day).entrySet()) {
            String key = SubjectKeys.keyOf(Scope.GROUP, due.getKey());
            if (!loaded.containsKey(key)) {
                SubjectState s = states.load(key);
                if (s == null) {
                    dropStale(due.getKey(), due.getValue());
                } else {
                    loaded.put(key, s);
                }
            }
        }
    }
}
