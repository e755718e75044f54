package dev.releasewatch.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import dev.releasewatch.avro.SourceActivity;

/**
 * What each source sent in one open hour window of one counting task: announcements (duplicates included), first
 * announcements, heartbeats and its latest record time. Only in memory, like the counts of {@link OpenWindows}: the
 * per-record path writes nothing for it. After a restart the open hours hold only what arrived since (the detector
 * judges a source's silence over whole hours with every source's activity, so an undercount of the one or two open
 * hours cannot make a source look silent while the others' counts look normal: both are undercounted).
 */
final class SourceTally {

    static final int ANNOUNCEMENT = 0;
    static final int FIRST = 1;
    static final int HEARTBEAT = 2;

    /** Per source: announcements, first announcements, heartbeats, latest record time. */
    private final TreeMap<String, long[]> sources = new TreeMap<>();

    /**
     * One record of {@code source} at {@code t}.
     *
     * @param kind {@link #ANNOUNCEMENT} (a duplicate), {@link #FIRST} (a first announcement, also an announcement)
     *     or {@link #HEARTBEAT}
     */
    void record(String source, int kind, long t) {
        long[] a = sources.computeIfAbsent(source, s -> new long[] {0, 0, 0, Long.MIN_VALUE});
        if (kind == HEARTBEAT) {
            a[HEARTBEAT]++;
        } else {
            a[ANNOUNCEMENT]++;
            if (kind == FIRST) {
                a[FIRST]++;
            }
        }
        a[3] = Math.max(a[3], t);
    }

    List<SourceActivity> toSourceActivities() {
        List<SourceActivity> out = new ArrayList<>(sources.size());
        sources.forEach((name, a) -> out.add(new SourceActivity(name, a[0], a[1], a[2], Instant.ofEpochMilli(a[3]))));
        return out;
    }
}
