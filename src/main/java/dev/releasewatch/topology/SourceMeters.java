package dev.releasewatch.topology;

import io.micrometer.core.instrument.Counter;

/**
 * A source's label and the counters its records increment, each looked up once, on first use (so a counter appears
 * when it first counts, as before): finding a counter by its name and tags is a map lookup with a list key, and the
 * counting task's per-record path needs several.
 */
final class SourceMeters {

    /** The {@code kind} label of {@link TopologyMetrics#SOURCE_ANNOUNCEMENTS}, by {@link SourceTally} kind. */
    private static final String[] ACTIVITY_KINDS = {"duplicate", "first", "heartbeat"};

    private final TopologyMetrics metrics;
    private final String source;
    private final String label;
    private final Counter[] announcements = new Counter[ACTIVITY_KINDS.length];
    private Counter duplicates;

    SourceMeters(TopologyMetrics metrics, String source) {
        this.metrics = metrics;
        this.source = source;
        this.label = metrics.sourceLabel(source);
    }

    /** The source's label in metrics and activity ({@link TopologyMetrics#sourceLabel}). */
    String label() {
        return label;
    }

    /** One record of the source, of {@link SourceTally} kind {@code kind}. */
    void announcement(int kind) {
        Counter c = announcements[kind];
        if (c == null) {
            c = metrics.sourceAnnouncements(label, ACTIVITY_KINDS[kind]);
            announcements[kind] = c;
        }
        c.increment();
    }

    /** One duplicate from the source ({@link TopologyMetrics#DUPLICATES}, by source id). */
    void duplicate() {
        if (duplicates == null) {
            duplicates = metrics.duplicates(source);
        }
        duplicates.increment();
    }
}
