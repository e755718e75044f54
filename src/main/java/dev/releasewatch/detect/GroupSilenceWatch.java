package dev.releasewatch.detect;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hourly watch on the groups that release often enough to be judged: when each last released, and how long a
 * silence it has already shown without anything being wrong. "VEXiON went silent" is known a day or two before its
 * daily counts could prove it, because a steady group's silence is measured in releases it should have made since its
 * last one.
 *
 * <p>A silence is measured in <em>expected releases</em>, not hours: the sum, over the silent stretch, of the group's
 * expected count for each weekday (quiet dates lowered), so a weekend gap of a weekday-only group is a small silence
 * and the same hours on Tuesday a big one. A silence is alarming when it is
 * <ul>
 *   <li>longer than {@code group-silence-record-factor} times the longest silence the group showed since it was watched
 *   (its own rhythm: a bursty group's usual gaps are long, so it needs a longer silence; nothing but its history says
 *   which gaps are usual),</li>
 *   <li>and improbable under the group's count model (no release when that many were expected), and at least
 *   {@code min-expected-group} releases long, so small groups never page, and {@code group-silence-min-hours} long, so
 *   a
 *   very prolific group's quiet morning is not news,</li>
 *   <li>and the group has been watched for {@code group-silence-learn-days}, so its usual longest silence is
 * known.</li>
 * </ul>
 *
 * <p>Each watched group has its own store entry ({@code watch/<group>}, about 60 bytes plus its name), and a due-time
 * index ({@link DueIndex}, {@code watch-due/}) holds, for each group not in an incident, the earliest time at which its
 * silence could become alarming if it released nothing more: the hourly check reads only the groups due by now, so its
 * cost does not grow with the number of watched groups. The due time is a lower bound (the latest of: the end of the
 * learning days, {@code group-silence-min-hours} after its last release, and the time its expected releases since then
 * could reach both the needed length and the mean at which no release at all is improbable enough, were every day its
 * busiest); a group found not alarming at its due time is looked at again every hour until it is or it releases, as
 * every group past that bound was before. Every change to a group's entry moves its due time.
 *
 * <p>The previous release kept every group under one key ({@value #OLD_KEY}); it grew with the number of groups (a
 * value over the broker's message limit kills the exactly-once task). It is split into the per-group entries the first
 * time the watch is opened on such a store.
 */
final class GroupSilenceWatch {

    /** The single key the previous release kept every watched group under. */
    static final String OLD_KEY = "silence-watch";

    private static final String PREFIX = "watch/";
    private static final String DUE_PREFIX = "watch-due/";
    private static final int OLD_VERSION = 1;
    private static final int VERSION = 2;
    /** Bytes of an entry: version, last seen, seven weekday rates, dispersion, longest silence, since, open, due. */
    private static final int ENTRY_BYTES = 1 + 8 + 7 * 4 + 4 + 4 + 4 + 1 + 8;

    private static final long HOUR_MILLIS = 3_600_000L;
    private static final long SHORTEST_DAY_MILLIS = 23 * HOUR_MILLIS;

    /** What the watch remembers about one group. */
    static final class Watched {
        /** End of the last hour in which the group released, epoch millis. */
        long lastSeen;
        /** Expected releases per day for Monday..Sunday, from the group's baseline at the last day close. */
        final float[] perWeekday = new float[7];
        /** The group's negative-binomial dispersion at the last day close. */
        float dispersion;
        /** Longest silence (in expected releases) the group showed while watched and not in an incident. */
        float longestSilence;
        /** Local epoch day the group started being watched. */
        long watchedSince;
        /** Whether the group has an open incident (it is then not judged here). */
        boolean incidentOpen;
        /** Its entry in the due-time index, epoch millis; {@link Long#MIN_VALUE} when it has none. */
        long dueAt = Long.MIN_VALUE;
    }

    /** A group whose current silence is alarming. */
    record Silence(String group, long since, double expected, double dispersion, double longest) {}

    private final SubjectStore store;
    private final DetectorSettings settings;
    private final DueIndex due;

    private GroupSilenceWatch(SubjectStore store, DetectorSettings settings) {
        this.store = store;
        this.settings = settings;
        this.due = new DueIndex(store, DUE_PREFIX);
    }

    /** The watch over {@code store}; splits the previous release's single entry into per-group entries first. */
    static GroupSilenceWatch open(SubjectStore store, DetectorSettings settings) {
        GroupSilenceWatch watch = new GroupSilenceWatch(store, settings);
        byte[] old = store.get(OLD_KEY);
        if (old != null) {
            readOld(old).forEach(watch::save);
            store.delete(OLD_KEY);
        }
        return watch;
    }

    private static Map<String, Watched> readOld(byte[] bytes) {
        Map<String, Watched> groups = new TreeMap<>();
        StateBytesReader in = new StateBytesReader(bytes);
        int version = in.readUnsignedByte();
        if (version != OLD_VERSION) {
            throw new IllegalStateException("unknown group silence watch version " + version);
        }
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String group = in.readUtf();
            groups.put(group, readFields(in));
        }
        return groups;
    }

    /** The fields the single-key layout and the per-group entry share, in that order. */
    private static Watched readFields(StateBytesReader in) {
        Watched w = new Watched();
        w.lastSeen = in.readLong();
        for (int d = 0; d < 7; d++) {
            w.perWeekday[d] = in.readFloat();
        }
        w.dispersion = in.readFloat();
        w.longestSilence = in.readFloat();
        w.watchedSince = in.readInt();
        w.incidentOpen = in.readBoolean();
        return w;
    }

    private Watched get(String group) {
        byte[] bytes = store.get(PREFIX + group);
        if (bytes == null) {
            return null;
        }
        StateBytesReader in = new StateBytesReader(bytes);
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new IllegalStateException("unknown group silence watch entry version " + version);
        }
        Watched w = readFields(in);
        w.dueAt = in.readLong();
        return w;
    }

    /**
     * Writes the group's entry and, when its due time came earlier or it has none, moves it in the due-time index.
     *
     * <p>An entry that stays put when the due time moves later is still a lower bound, which is all the index promises:
     * {@link #alarming} checks the group then, finds it not alarming (that is what a lower bound means) and indexes it
     * at its current due time. A group that releases every hour would otherwise move in the index every hour (a delete
     * and a put); now it moves about once per silence it could raise.
     */
    private void save(String group, Watched w) {
        long next = dueAt(w);
        if (next == Long.MIN_VALUE || w.dueAt == Long.MIN_VALUE || next < w.dueAt) {
            due.move(w.dueAt, next, group);
            w.dueAt = next;
        }
        write(group, w);
    }

    private void write(String group, Watched w) {
        StateBytesWriter out = new StateBytesWriter(ENTRY_BYTES);
        out.writeByte(VERSION);
        out.writeLong(w.lastSeen);
        for (float f : w.perWeekday) {
            out.writeFloat(f);
        }
        out.writeFloat(w.dispersion);
        out.writeFloat(w.longestSilence);
        out.writeInt((int) w.watchedSince);
        out.writeBoolean(w.incidentOpen);
        out.writeLong(w.dueAt);
        store.put(PREFIX + group, out.toByteArray());
    }

    private void remove(String group, Watched w) {
        if (w.dueAt != Long.MIN_VALUE) {
            due.remove(w.dueAt, group);
        }
        store.delete(PREFIX + group);
    }

    /**
     * The group released in the hour {@code [hourStart, hourEnd)}: the silence that ended is remembered when it is the
     * longest so far (unless it was an incident), and the group's silence restarts at the end of the hour.
     */
    void released(String group, long hourStart, long hourEnd) {
        Watched w = get(group);
        if (w == null) {
            return;
        }
        if (!w.incidentOpen && hourStart > w.lastSeen) {
            w.longestSilence = (float) Math.max(w.longestSilence, expectedBetween(w, w.lastSeen, hourStart, settings));
        }
        w.lastSeen = Math.max(w.lastSeen, hourEnd);
        save(group, w);
    }

    /**
     * At a day close: (re)starts watching a group whose level makes it judgeable, with its current expectations, or
     * stops watching one that no longer is.
     *
     * @param baseline   the group's baseline, null when it has none
     * @param lastActive end of the last day the group released, used as its last release when it starts being watched
     */
    void dayClosed(String group, DailyBaseline baseline, LocalDate date, boolean incidentOpen, Instant lastActive) {
        long dayStart = date.atStartOfDay(settings.zone()).toInstant().toEpochMilli();
        Watched w = get(group);
        if (baseline == null || baseline.level() < settings.groupMinDailyRate()) {
            if (w != null) {
                remove(group, w);
            }
            return;
        }
        if (w == null) {
            w = new Watched();
            w.lastSeen = lastActive.toEpochMilli();
            w.watchedSince = date.toEpochDay();
        } else if (w.incidentOpen && !incidentOpen) {
            // the incident ended today (recovered, new level, accepted): the silence that was the incident is not news
            // again
            w.lastSeen = Math.max(
                    w.lastSeen,
                    date.plusDays(1).atStartOfDay(settings.zone()).toInstant().toEpochMilli());
        } else if (lastActive.toEpochMilli() > dayStart && w.lastSeen <= dayStart) {
            // released today but no hour window said when (windows without groups): count the silence from the day's
            // end
            w.lastSeen = lastActive.toEpochMilli();
        }
        for (int d = 0; d < 7; d++) {
            w.perWeekday[d] = (float) (baseline.level() * baseline.weekdayFactors()[d]);
        }
        w.dispersion = (float) baseline.dispersion();
        w.incidentOpen = incidentOpen;
        save(group, w);
    }

    void forget(String group) {
        Watched w = get(group);
        if (w != null) {
            remove(group, w);
        }
    }

    /** An operator accepted the group's current level: its silence is no longer news, so it restarts at {@code at}. */
    void accepted(String group, long at) {
        Watched w = get(group);
        if (w != null) {
            w.incidentOpen = false;
            w.lastSeen = Math.max(w.lastSeen, at);
            save(group, w);
        }
    }

    void incidentOpened(String group) {
        Watched w = get(group);
        if (w != null) {
            w.incidentOpen = true;
            save(group, w);
        }
    }

    /**
     * The groups whose silence up to {@code now} is alarming (see the class documentation), in name order. Only the
     * groups due by {@code now} are read; those found not alarming get their next due time.
     */
    List<Silence> alarming(long now, LocalDate today) {
        List<Silence> out = new ArrayList<>();
        for (DueIndex.Due d : due.dueBy(now)) {
            Watched w = get(d.name());
            if (w == null) {
                due.remove(d.time(), d.name());
                continue;
            }
            Silence s = alarming(d.name(), w, now, today);
            if (s != null) {
                out.add(s);
            } else {
                // not yet (the due time is a lower bound): look again at the first hour its bound allows, the next
                // hour at the earliest
                long next = Math.max(dueAt(w), now + HOUR_MILLIS);
                due.move(w.dueAt, next, d.name());
                w.dueAt = next;
                write(d.name(), w);
            }
        }
        out.sort(Comparator.comparing(Silence::group));
        return out;
    }

    /** The previous release's check of one group, unchanged: null when its silence is not alarming. */
    private Silence alarming(String group, Watched w, long now, LocalDate today) {
        double minScore = -Math.log10(settings.groupSilenceMaxPValue());
        if (w.incidentOpen
                || today.toEpochDay() - w.watchedSince < settings.groupSilenceLearnDays()
                || now - w.lastSeen < settings.groupSilenceMinHours() * HOUR_MILLIS) {
            return null;
        }
        double needed = Math.max(settings.minExpectedGroup(), settings.groupSilenceRecordFactor() * w.longestSilence);
        float busiest = 0;
        for (float perDay : w.perWeekday) {
            busiest = Math.max(busiest, perDay);
        }
        // cannot be long enough even if every day were the busiest (and 23 hours long): skip the calendar walk
        if (busiest * (double) (now - w.lastSeen) / SHORTEST_DAY_MILLIS < needed) {
            return null;
        }
        double expected = expectedBetween(w, w.lastSeen, now, settings);
        if (expected < needed) {
            return null;
        }
        double phi = Math.max(settings.minDispersion(), w.dispersion);
        if (new NegativeBinomial(expected, phi).score(0) >= minScore) {
            return new Silence(group, w.lastSeen, expected, phi, w.longestSilence);
        }
        return null;
    }

    /**
     * The earliest time the group's silence could be alarming (a lower bound), or {@link Long#MIN_VALUE} when it is in
     * an incident or never could be while nothing changes.
     */
    private long dueAt(Watched w) {
        if (w.incidentOpen) {
            return Long.MIN_VALUE;
        }
        ZoneId zone = settings.zone();
        long learned = LocalDate.ofEpochDay(w.watchedSince + settings.groupSilenceLearnDays())
                .atStartOfDay(zone)
                .toInstant()
                .toEpochMilli();
        long longEnough = w.lastSeen + settings.groupSilenceMinHours() * HOUR_MILLIS;
        double phi = Math.max(settings.minDispersion(), w.dispersion);
        double minScore = -Math.log10(settings.groupSilenceMaxPValue());
        // the mean at which no release at all scores minScore: (1 + phi * mean)^(-1 / phi) = 10^-minScore; a hair less,
        // so that rounding cannot put the due time after the moment the check itself would pass
        double improbable = Math.expm1(phi * minScore * Math.log(10)) / phi * (1 - 1e-9);
        double needed = Math.max(
                Math.max(settings.minExpectedGroup(), settings.groupSilenceRecordFactor() * w.longestSilence)
                        * (1 - 1e-9),
                improbable);
        float busiest = 0;
        for (float perDay : w.perWeekday) {
            busiest = Math.max(busiest, perDay);
        }
        if (!(busiest > 0)) {
            return Long.MIN_VALUE;
        }
        // its expected releases cannot reach the needed length sooner than if every day were its busiest, 23 hours long
        // (a bound in constant time: walking the calendar for the exact time at every release cost more than the
        // hourly checks it saves)
        long reached = w.lastSeen + (long) Math.floor(needed / busiest * SHORTEST_DAY_MILLIS);
        return Math.max(reached, Math.max(learned, longEnough));
    }

    /** Expected releases of the group in {@code [from, to)}, each local day weighted by the part of it covered. */
    private static double expectedBetween(Watched w, long from, long to, DetectorSettings settings) {
        ZoneId zone = settings.zone();
        double sum = 0;
        LocalDate day = Instant.ofEpochMilli(from).atZone(zone).toLocalDate();
        long t = from;
        while (t < to) {
            long dayStart = day.atStartOfDay(zone).toInstant().toEpochMilli();
            long dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
            long until = Math.min(to, dayEnd);
            double perDay = w.perWeekday[day.getDayOfWeek().getValue() - 1];
            if (settings.isQuiet(day)) {
                perDay *= settings.quietDateFactor();
            }
            sum += perDay * (until - t) / (double) (dayEnd - dayStart);
            t = until;
            day = day.plusDays(1);
        }
        return sum;
    }

    /** End of the last hour the group released in, or {@link Long#MIN_VALUE} when it is not watched. */
    long lastSeen(String group) {
        Watched w = get(group);
        return w == null ? Long.MIN_VALUE : w.lastSeen;
    }

    /** The check of one group at {@code now} whatever its due time, for the test that the index misses nothing. */
    Silence check(String group, long now, LocalDate today) {
        Watched w = get(group);
        return w == null ? null : alarming(group, w, now, today);
    }

    /** Whether the group is watched, for tests. */
    boolean watches(String group) {
        return get(group) != null;
    }
}
