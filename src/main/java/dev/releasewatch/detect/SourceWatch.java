package dev.releasewatch.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.releasewatch.avro.SourceActivity;

/**
 * The hourly watch on the feed's sources (producers and mirrors, by their {@code source} id): what each sent in each of
 * the last {@value #RING} hours (announcements, duplicates included, and heartbeats), its usual activity per hour, when
 * its last record was, and whether it is in a SOURCE incident. It is what tells "the scene went quiet" from "a source
 * broke" from "our ingest broke" ({@link AlertCauses}), and what finds a source that went silent while the others
 * continue ({@link #silences}).
 *
 * <p>A source is judged on its announcements <em>including duplicates</em> and its heartbeats, never on counts: a pure
 * mirror (every announcement a re-announcement) changes no count, so its silence shows only there. Its silence is
 * judged against the others, not the clock: over its silent hours, it should have sent its usual share of what
 * the others sent ({@code others' activity × its usual / their usual}); when that is at least {@value #MIN_EXPECTED}
 * records (a Poisson zero is then below 1e-8, and a mirror copying a share p of the releases is even less likely
 * to copy none), for at least {@value #MIN_SILENT_HOURS} hours, it went silent. Measuring against the others makes
 * the night, the weekend and a real collapse of the scene cancel out: when everything is quiet, nothing is expected
 * of it.
 *
 * <p>One store entry holds every source (a few hundred bytes each, bounded: the counting tasks send at most
 * {@code sources.max} names plus {@code other}, and this keeps at most {@value #MAX_SOURCES}, merging any more into
 * {@code other}).
 */
final class SourceWatch {

    /** Hours of activity kept per source: enough for the longest hourly span judged (24 h) and a day alert's day. */
    static final int RING = 48;
    /** Records a silent source should have sent, from the others' activity, before its silence is an incident. */
    static final double MIN_EXPECTED = 20;
    /** Whole hours a source must be silent before its silence is an incident. */
    static final int MIN_SILENT_HOURS = 2;
    /** Hours a source is watched (all sources active) before its usual activity is trusted. */
    static final int LEARN_HOURS = 24;
    /** Safety bound on the sources kept; the counting tasks already bound them by {@code sources.max}. */
    static final int MAX_SOURCES = 64;

    static final String OTHER = "other";
    private static final String KEY = "source-watch";
    private static final int VERSION = 1;
    private static final double ALPHA = 1.0 / RING;
    private static final long HOUR = 3_600_000L;

    /** What the watch remembers about one source. */
    static final class Watched {
        /** Announcements (duplicates included) per hour, indexed by epoch hour modulo {@link #RING}. */
        final int[] announcements = new int[RING];
        /** Heartbeats per hour, the same way. */
        final int[] heartbeats = new int[RING];
        /** Usual records (announcements and heartbeats) per hour, learned while every source was active. */
        float usual;
        /** Hours it has been learned on. */
        int learned;
        /** Latest event time of its records, epoch millis; {@link Long#MIN_VALUE} before any. */
        long lastRecord = Long.MIN_VALUE;
        /** Id of its open SOURCE incident, or null. */
        String incident;
        /** Start of the first silent hour of its open incident, epoch millis. */
        long silentSince;
        /** What it should have sent over the silence when the incident opened. */
        float expected;

        int activity(long epochHour) {
            int i = Math.floorMod(epochHour, RING);
            return announcements[i] + heartbeats[i];
        }
    }

    /** A source that just went silent while the others continue. */
    record Silence(String source, long since, int hours, double expected, long othersActivity, long lastRecord) {}

    /** A source with an open incident that sent something again. */
    record Return(String source, String alertId, long since, long activity, double expected) {}

    private final Map<String, Watched> sources;
    /** The newest hour recorded, in epoch hours; {@link Long#MIN_VALUE} before any. */
    private long newestHour;

    private boolean changed;

    private SourceWatch(Map<String, Watched> sources, long newestHour) {
        this.sources = sources;
        this.newestHour = newestHour;
    }

    static SourceWatch load(SubjectStore store) {
        byte[] bytes = store.get(KEY);
        Map<String, Watched> sources = new TreeMap<>();
        if (bytes == null) {
            return new SourceWatch(sources, Long.MIN_VALUE);
        }
        StateBytesReader in = new StateBytesReader(bytes);
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new IllegalStateException("unknown source watch version " + version);
        }
        long newest = in.readLong();
        int n = in.readInt();
        for (int s = 0; s < n; s++) {
            String name = in.readUtf();
            Watched w = new Watched();
            for (int i = 0; i < RING; i++) {
                w.announcements[i] = in.readInt();
                w.heartbeats[i] = in.readInt();
            }
            w.usual = in.readFloat();
            w.learned = in.readInt();
            w.lastRecord = in.readLong();
            w.incident = in.readBoolean() ? in.readUtf() : null;
            w.silentSince = in.readLong();
            w.expected = in.readFloat();
            sources.put(name, w);
        }
        return new SourceWatch(sources, newest);
    }

    void saveIfChanged(SubjectStore store) {
        if (!changed) {
            return;
        }
        StateBytesWriter out = new StateBytesWriter(16 + sources.size() * (RING * 8 + 64));
        out.writeByte(VERSION);
        out.writeLong(newestHour);
        out.writeInt(sources.size());
        for (var e : sources.entrySet()) {
            Watched w = e.getValue();
            out.writeUtf(e.getKey());
            for (int i = 0; i < RING; i++) {
                out.writeInt(w.announcements[i]);
                out.writeInt(w.heartbeats[i]);
            }
            out.writeFloat(w.usual);
            out.writeInt(w.learned);
            out.writeLong(w.lastRecord);
            out.writeBoolean(w.incident != null);
            if (w.incident != null) {
                out.writeUtf(w.incident);
            }
            out.writeLong(w.silentSince);
            out.writeFloat(w.expected);
        }
        store.put(KEY, out.toByteArray());
        changed = false;
    }

    /** Whether any source has ever been seen (windows from a counting task older than source activity have none). */
    boolean knowsSources() {
        return !sources.isEmpty();
    }

    /** The watched sources by name (read-only use). */
    Map<String, Watched> sources() {
        return sources;
    }

    /** The newest hour recorded, in epoch hours. */
    long newestHour() {
        return newestHour;
    }

    /**
     * Records the activity of the hour starting at {@code epochHour} (hours must come in order; skipped hours are
     * silent for every source) and learns each source's usual activity from it, unless no source sent anything (an
     * ingest gap says nothing about a source's share) or the source is in an incident.
     */
    void hourClosed(long epochHour, List<SourceActivity> activities) {
        if (activities.isEmpty() && sources.isEmpty()) {
            return;
        }
        changed = true;
        long from = newestHour == Long.MIN_VALUE ? epochHour : Math.max(newestHour + 1, epochHour - RING + 1);
        for (long h = from; h <= epochHour; h++) {
            int i = Math.floorMod(h, RING);
            for (Watched w : sources.values()) {
                w.announcements[i] = 0;
                w.heartbeats[i] = 0;
            }
        }
        newestHour = Math.max(newestHour, epochHour);
        int slot = Math.floorMod(epochHour, RING);
        for (SourceActivity a : activities) {
            Watched w = watched(a.getSource());
            w.announcements[slot] = saturated(w.announcements[slot] + a.getAnnouncements());
            w.heartbeats[slot] = saturated(w.heartbeats[slot] + a.getHeartbeats());
            w.lastRecord = Math.max(w.lastRecord, a.getLastRecord().toEpochMilli());
        }
        long total = 0;
        for (Watched w : sources.values()) {
            total += w.activity(epochHour);
        }
        if (total == 0) {
            return;
        }
        for (Watched w : sources.values()) {
            if (w.incident != null) {
                continue;
            }
            double alpha = Math.max(ALPHA, 1.0 / (w.learned + 1));
            w.usual += (float) (alpha * (w.activity(epochHour) - w.usual));
            w.learned++;
        }
    }

    /**
     * Sources that went silent with the newest hour while the others continue (each opens an incident: call
     * {@link #opened}).
     */
    List<Silence> silences() {
        List<Silence> out = new ArrayList<>();
        for (var e : sources.entrySet()) {
            Watched w = e.getValue();
            if (w.incident != null || w.learned < LEARN_HOURS || w.usual <= 0) {
                continue;
            }
            int hours = 0;
            while (hours < RING && w.activity(newestHour - hours) == 0) {
                hours++;
            }
            if (hours < MIN_SILENT_HOURS) {
                continue;
            }
            long othersActivity = 0;
            double othersUsual = 0;
            for (var o : sources.entrySet()) {
                Watched ow = o.getValue();
                if (o.getKey().equals(e.getKey()) || ow.incident != null) {
                    continue;
                }
                othersUsual += ow.usual;
                for (int h = 0; h < hours; h++) {
                    othersActivity += ow.activity(newestHour - h);
                }
            }
            if (othersActivity == 0 || othersUsual <= 0) {
                continue;
            }
            double expected = othersActivity * w.usual / othersUsual;
            if (expected >= MIN_EXPECTED) {
                out.add(new Silence(
                        e.getKey(), (newestHour - hours + 1) * HOUR, hours, expected, othersActivity, w.lastRecord));
            }
        }
        return out;
    }

    /** Marks {@code s}'s source as in the incident {@code alertId}. */
    void opened(Silence s, String alertId) {
        Watched w = sources.get(s.source());
        w.incident = alertId;
        w.silentSince = s.since();
        w.expected = (float) s.expected();
        changed = true;
    }

    /** Sources in an incident that sent something in the newest hour; their incidents are closed. */
    List<Return> returns() {
        List<Return> out = new ArrayList<>();
        for (var e : sources.entrySet()) {
            Watched w = e.getValue();
            int activity = w.activity(newestHour);
            if (w.incident != null && activity > 0) {
                out.add(new Return(e.getKey(), w.incident, w.silentSince, activity, w.usual));
                w.incident = null;
                changed = true;
            }
        }
        return out;
    }

    private Watched watched(String name) {
        Watched w = sources.get(name);
        if (w == null) {
            String key = sources.size() >= MAX_SOURCES ? OTHER : name;
            w = sources.computeIfAbsent(key, k -> new Watched());
        }
        return w;
    }

    private static int saturated(long n) {
        return (int) Math.min(Integer.MAX_VALUE, n);
    }
}
