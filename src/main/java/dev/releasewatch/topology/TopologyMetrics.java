package dev.releasewatch.topology;

import java.time.Instant;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The topology's own Prometheus metrics. Names are part of the public contract (dashboards and alert
 * rules use them); Kafka Streams' own metrics are bound separately.
 */
public final class TopologyMetrics {

    /** Metric names, public so tests and docs pin them. */
    public static final String EVENTS = "releasewatch_events";
    /** Duplicate announcements per source. */
    public static final String DUPLICATES = "releasewatch_duplicates";
    /** Dead-lettered records per reason code. */
    public static final String DEAD_LETTERS = "releasewatch_dead_letters";
    /** Nuke and unnuke events per category. */
    public static final String NUKES = "releasewatch_nukes";
    /** Counted releases by where their category came from (the feed's section, or the name). */
    public static final String CATEGORY_ORIGIN = "releasewatch_category_origin";
    /** Alert state changes per scope, state and severity. */
    public static final String ALERTS = "releasewatch_alerts";
    /** Event-time watermark up to which every window is final, epoch seconds. */
    public static final String FINAL_WATERMARK = "releasewatch_final_watermark_seconds";
    /** Windows finalised. */
    public static final String WINDOWS = "releasewatch_windows_finalised";
    /** Partial window counts the detector threw away, by reason (late: window already final; skipped: MAX_GAP). */
    public static final String PARTIALS_DROPPED = "releasewatch_partials_dropped";
    /** Releases those dropped partials counted (their TOTAL), by reason: the events lost to the counts. */
    public static final String RELEASES_DROPPED = "releasewatch_partials_dropped_releases";
    /** Input partitions that never sent the detector a watermark: while above 0 no window can be finalised. */
    public static final String SILENT_PARTITIONS = "releasewatch_input_partitions_never_written";
    /** Median clock skew per source: its stamps minus the partition's event time when they arrived, seconds. */
    public static final String SOURCE_CLOCK_SKEW = "releasewatch_source_clock_skew_seconds";
    /** Records whose stamp was not believed, per source and outcome (held, released, retimed). */
    public static final String FUTURE_STAMPS = "releasewatch_future_stamps";
    /**
     * Sources with their own label in per-source metrics and in the activity the counting tasks send, by default (the
     * {@code sources.max} default); later ones share the label {@link #OTHER_SOURCE}.
     */
    public static final int MAX_SOURCE_LABELS = 16;
    /** The label of every source past the first {@code sources.max}. */
    public static final String OTHER_SOURCE = "other";
    /**
     * Announcements and heartbeats per source ({@code kind}: {@code first}, {@code duplicate}, {@code heartbeat}): a
     * mirror whose announcements are all duplicates changes no count, and this is where its silence shows.
     */
    public static final String SOURCE_ANNOUNCEMENTS = "releasewatch_source_announcements";

    private final MeterRegistry registry;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final AtomicLong finalWatermark = new AtomicLong();
    private final AtomicLong silentPartitions = new AtomicLong();
    private final Map<String, AtomicLong> skews = new ConcurrentHashMap<>();
    private final Map<String, String> sourceLabels = new ConcurrentHashMap<>();

    private final int maxSources;

    /** Registers the metrics in {@code registry}, with the default bound on source labels. */
    public TopologyMetrics(MeterRegistry registry) {
        this(registry, MAX_SOURCE_LABELS);
    }

    /**
     * Registers the metrics in {@code registry}.
     *
     * @param maxSources {@code sources.max}: sources with a label of their own
     */
    public TopologyMetrics(MeterRegistry registry, int maxSources) {
        this.registry = registry;
        this.maxSources = maxSources;
        registry.gauge(FINAL_WATERMARK, finalWatermark, AtomicLong::doubleValue);
        registry.gauge(SILENT_PARTITIONS, silentPartitions, AtomicLong::doubleValue);
    }

    /** The registry the metrics live in. */
    /**
     * The event time every window is final up to, read from {@code registry}'s gauge: null before any window is
     * final, or on an instance that runs no detecting task.
     */
    public static Instant finalWatermark(MeterRegistry registry) {
        Gauge gauge = registry.find(FINAL_WATERMARK).gauge();
        double seconds = gauge == null ? 0 : gauge.value();
        return seconds > 0 && Double.isFinite(seconds) ? Instant.ofEpochSecond((long) seconds) : null;
    }

    public MeterRegistry registry() {
        return registry;
    }

    void event(String kind) {
        events(kind).increment();
    }

    /** The counter {@link #event} increments, for callers that keep it (the per-record path). */
    Counter events(String kind) {
        return counter(EVENTS, "kind", kind);
    }

    /** The counter {@link #duplicate} increments. */
    Counter duplicates(String source) {
        return counter(DUPLICATES, "source", source);
    }

    /** The counter of one source label's records of one kind ({@link #SOURCE_ANNOUNCEMENTS}). */
    Counter sourceAnnouncements(String label, String kind) {
        return counter(SOURCE_ANNOUNCEMENTS, "source", label, "kind", kind);
    }

    /** The counter {@link #categoryOrigin} increments. */
    Counter categoryOrigins(String origin) {
        return counter(CATEGORY_ORIGIN, "origin", origin);
    }

    void duplicate(String source) {
        counter(DUPLICATES, "source", source).increment();
    }

    void deadLetter(String code) {
        counter(DEAD_LETTERS, "reason", code).increment();
    }

    void nuke(String kind, String category) {
        counter(NUKES, "kind", kind, "category", category).increment();
    }

    void categoryOrigin(String origin) {
        counter(CATEGORY_ORIGIN, "origin", origin).increment();
    }

    void alert(String scope, String state, String severity) {
        counter(ALERTS, "scope", scope, "state", state, "severity", severity).increment();
    }

    void partialDropped(String granularity, String reason, long releases) {
        counter(PARTIALS_DROPPED, "granularity", granularity, "reason", reason).increment();
        counter(RELEASES_DROPPED, "granularity", granularity, "reason", reason).increment(releases);
    }

    void silentPartitions(int count) {
        silentPartitions.set(count);
    }

    /**
     * The label a source gets in per-source metrics and activity: its own for the first {@code sources.max} sources
     * seen by this instance, {@link #OTHER_SOURCE} after that, so a producer that invents source ids cannot blow up the
     * label set (nor the detector's per-source state).
     */
    String sourceLabel(String source) {
        String label = sourceLabels.get(source);
        if (label != null) {
            return label;
        }
        synchronized (sourceLabels) {
            if (sourceLabels.size() >= maxSources) {
                return OTHER_SOURCE;
            }
            return sourceLabels.computeIfAbsent(source, s -> s);
        }
    }

    void sourceSkew(String label, long skewMillis) {
        AtomicLong gauge = skews.get(label);
        if (gauge == null) {
            gauge = skews.computeIfAbsent(label, l -> {
                AtomicLong value = new AtomicLong();
                Gauge.builder(SOURCE_CLOCK_SKEW, value, v -> v.get() / 1000.0)
                        .tag("source", l)
                        .register(registry);
                return value;
            });
        }
        gauge.set(skewMillis);
    }

    void futureStamp(String label, String outcome) {
        counter(FUTURE_STAMPS, "source", label, "outcome", outcome).increment();
    }

    void windowFinalised(String granularity, long end) {
        counter(WINDOWS, "granularity", granularity).increment();
        finalThrough(end);
    }

    /**
     * A detecting task that does not own the feed-wide subjects finalised a window: the final watermark moves (the
     * health rules judge every instance that runs a detecting task by it), the count of windows does not (one window
     * is counted once, by the owner, however many detect partitions finalise it).
     */
    void finalThrough(long end) {
        finalWatermark.accumulateAndGet(end / 1000, Math::max);
    }

    /**
     * The counter for a name and tag values, created once. Called for every record, so the lookup builds
     * no string: the key is a light view over the name and tags, compared element by element.
     */
    private Counter counter(String name, String... tags) {
        List<String> id = new IdKey(name, tags);
        Counter c = counters.get(id);
        if (c == null) {
            c = counters.computeIfAbsent(
                    id, k -> Counter.builder(name).tags(tags).register(registry));
        }
        return c;
    }

    /** A counter's identity: its name followed by its tag keys and values, compared element by element. */
    private static final class IdKey extends AbstractList<String> {
        private final String name;
        private final String[] tags;

        IdKey(String name, String[] tags) {
            this.name = name;
            this.tags = tags;
        }

        @Override
        public String get(int index) {
            return index == 0 ? name : tags[index - 1];
        }

        @Override
        public int size() {
            return tags.length + 1;
        }
    }
}
