package dev.releasewatch.detect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
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
 * <p>One store entry holds every watched group (a few dozen bytes each), because the hourly check must look at all of
 * them and loading each group's full state every hour would cost more than the rest of the detector.
 */
final class GroupSilenceWatch {

    private static final String KEY = "silence-watch";
    private static final int VERSION = 1;
    private static final long SHORTEST_DAY_MILLIS = 23 * 3_600_000L;

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
    }

    /** A group whose current silence is alarming. */
    record Silence(String group, long since, double expected, double dispersion, double longest) {}

    private final Map<String, Watched> groups;
    private boolean changed;

    private GroupSilenceWatch(Map<String, Watched> groups) {
        this.groups = groups;
    }

    static GroupSilenceWatch load(SubjectStore store) {
        byte[] bytes = store.get(KEY);
        Map<String, Watched> groups = new TreeMap<>();
        if (bytes != null) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                int version = in.readUnsignedByte();
                if (version != VERSION) {
                    throw new IllegalStateException("unknown group silence watch version " + version);
                }
                int n = in.readInt();
                for (int i = 0; i < n; i++) {
                    String group = in.readUTF();
                    Watched w = new Watched();
                    w.lastSeen = in.readLong();
                    for (int d = 0; d < 7; d++) {
                        w.perWeekday[d] = in.readFloat();
                    }
                    w.dispersion = in.readFloat();
                    w.longestSilence = in.readFloat();
                    w.watchedSince = in.readInt();
                    w.incidentOpen = in.readBoolean();
                    groups.put(group, w);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new GroupSilenceWatch(groups);
    }

    void saveIfChanged(SubjectStore store) {
        if (!changed) {
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * groups.size() + 8);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(groups.size());
            for (var e : groups.entrySet()) {
                Watched w = e.getValue();
                out.writeUTF(e.getKey());
                out.writeLong(w.lastSeen);
                for (float f : w.perWeekday) {
                    out.writeFloat(f);
                }
                out.writeFloat(w.dispersion);
                out.writeFloat(w.longestSilence);
                out.writeInt((int) w.watchedSince);
                out.writeBoolean(w.incidentOpen);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store.put(KEY, bytes.toByteArray());
        changed = false;
    }

    /**
     * The group released in the hour {@code [hourStart, hourEnd)}: the silence that ended is remembered when it is the
     * longest so far (unless it was an incident), and the group's silence restarts at the end of the hour.
     */
    void released(String group, long hourStart, long hourEnd, DetectorSettings settings) {
        Watched w = groups.get(group);
        if (w == null) {
            return;
        }
        if (!w.incidentOpen && hourStart > w.lastSeen) {
            w.longestSilence = (float) Math.max(w.longestSilence, expectedBetween(w, w.lastSeen, hourStart, settings));
        }
        w.lastSeen = Math.max(w.lastSeen, hourEnd);
        changed = true;
    }

    /**
     * At a day close: (re)starts watching a group whose level makes it judgeable, with its current expectations, or
     * stops watching one that no longer is.
     *
     * @param baseline   the group's baseline, null when it has none
     * @param lastActive end of the last day the group released, used as its last release when it starts being watched
     */
    void dayClosed(
            String group,
            DailyBaseline baseline,
            LocalDate date,
            boolean incidentOpen,
            Instant lastActive,
            DetectorSettings settings) {
        long dayStart = date.atStartOfDay(settings.zone()).toInstant().toEpochMilli();
        if (baseline == null || baseline.level() < settings.groupMinDailyRate()) {
            if (groups.remove(group) != null) {
                changed = true;
            }
            return;
        }
        Watched w = groups.get(group);
        if (w == null) {
            w = new Watched();
            w.lastSeen = lastActive.toEpochMilli();
            w.watchedSince = date.toEpochDay();
            groups.put(group, w);
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
        changed = true;
    }

    void forget(String group) {
        if (groups.remove(group) != null) {
            changed = true;
        }
    }

    /** An operator accepted the group's current level: its silence is no longer news, so it restarts at {@code at}. */
    void accepted(String group, long at) {
        Watched w = groups.get(group);
        if (w != null) {
            w.incidentOpen = false;
            w.lastSeen = Math.max(w.lastSeen, at);
            changed = true;
        }
    }

    void incidentOpened(String group) {
        Watched w = groups.get(group);
        if (w != null) {
            w.incidentOpen = true;
            changed = true;
        }
    }

    /** The groups whose silence up to {@code now} is alarming (see the class documentation), in name order. */
    List<Silence> alarming(long now, LocalDate today, DetectorSettings settings) {
        List<Silence> out = new ArrayList<>();
        double minScore = -Math.log10(settings.groupSilenceMaxPValue());
        for (var e : groups.entrySet()) {
            Watched w = e.getValue();
            if (w.incidentOpen
                    || today.toEpochDay() - w.watchedSince < settings.groupSilenceLearnDays()
                    || now - w.lastSeen < settings.groupSilenceMinHours() * 3_600_000L) {
                continue;
            }
            double needed =
                    Math.max(settings.minExpectedGroup(), settings.groupSilenceRecordFactor() * w.longestSilence);
            float busiest = 0;
            for (float perDay : w.perWeekday) {
                busiest = Math.max(busiest, perDay);
            }
            // cannot be long enough even if every day were the busiest (and 23 hours long): skip the calendar walk
            if (busiest * (double) (now - w.lastSeen) / SHORTEST_DAY_MILLIS < needed) {
                continue;
            }
            double expected = expectedBetween(w, w.lastSeen, now, settings);
            if (expected < needed) {
                continue;
            }
            double phi = Math.max(settings.minDispersion(), w.dispersion);
            if (new NegativeBinomial(expected, phi).score(0) >= minScore) {
                out.add(new Silence(e.getKey(), w.lastSeen, expected, phi, w.longestSilence));
            }
        }
        return out;
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
        Watched w = groups.get(group);
        return w == null ? Long.MIN_VALUE : w.lastSeen;
    }

    /** Number of watched groups, for tests. */
    int size() {
        return groups.size();
    }
}
