package dev.releasewatch.topology;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.releasewatch.avro.ClosedWindow;
import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.avro.WindowBatch;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.feed.ReleaseClassifier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-input-partition half of the pipeline: decodes and validates each announcement (dead-lettering
 * what cannot be counted, with its original bytes), drops repeated announcements of the same release,
 * counts the rest in hour and day windows (at the earliest time any source announced the release, as long
 * as its windows are open: mirrors' clocks differ), and whenever its event-time watermark passes window ends sends
 * those windows' partial counts in one {@link WindowBatch} to the detecting task.
 *
 * <p>Counting here, before any repartition, is what keeps the topology fast: the textbook
 * {@code selectKey → groupByKey → windowed count} re-serialises and re-reads every record through a
 * repartition topic, while this sends one small batch per task per event-time hour. It also keeps a
 * backfill exact: each task's watermark follows its own (in-order) partition, and a window is final only
 * once every partition's watermark has passed it, so interleaving across partitions cannot make records
 * "late".
 *
 * <p>The watermark is the largest event time seen minus the grace. A record whose hour window has already
 * been closed is late and dead-lettered (reason LATE), never dropped silently. When a live partition is
 * idle (wall clock), the watermark is advanced with the wall clock so that a silent feed still closes
 * windows and the detector can see the silence; during a replay of history the partition is not live and
 * the wall clock is ignored.
 */
final class CountingProcessor implements Processor<byte[], byte[], byte[], SpecificRecord> {

    private static final Logger LOGGER = LoggerFactory.getLogger(CountingProcessor.class);
    private static final byte[] BATCH_KEY = "batch".getBytes(StandardCharsets.UTF_8);
    private static final String WATERMARK_KEY = "watermark";
    /**
     * Nukes share the de-duplication store with releases under prefixed keys; a release name can never start with a
     * control character (the validator rejects them), so the prefixes cannot collide with a release.
     */
    private static final String NUKE_PREFIX = "\u0001nuke:";

    private static final String UNNUKE_PREFIX = "\u0001unnuke:";

    private final AppConfig settings;
    private final ReleaseClassifier classifier;
    private final TopologyMetrics metrics;
    private final AvroSerde<ReleaseAnnouncement> announcements = AvroSerde.of(ReleaseAnnouncement.class);
    private final AnnouncementValidator validator;
    private final WindowClock clock;
    private final OpenWindows open;
    private final ArrayDeque<KeyValue<Long, String>> expiry = new ArrayDeque<>();
    /**
     * Releases re-timed to an earlier announcement, with their new time: they sit twice in the expiry
     * queue and only the entry with the current time may delete them. Expiry deletes the others without
     * reading them back ({@code put(key, null)}), which saves a decode per release.
     */
    private final Map<String, Long> moved = new HashMap<>();

    private ProcessorContext<byte[], SpecificRecord> context;
    private KeyValueStore<String, SeenRelease> seen;
    private KeyValueStore<String, Long> progress;
    private int partition = -1;
    private long maxSeen = Long.MIN_VALUE;
    private long watermark = Long.MIN_VALUE;
    private long nextBoundary = Long.MIN_VALUE;
    private long lastRecordWallClock;
    private long lastRecordLag = Long.MAX_VALUE;
    private long lateLogged;

    CountingProcessor(AppConfig settings, ReleaseClassifier classifier, TopologyMetrics metrics) {
        this.settings = settings;
        this.classifier = classifier;
        this.metrics = metrics;
        this.validator =
                new AnnouncementValidator(settings.minEventTime(), settings.maxFutureSkew(), settings.maxNameLength());
        this.clock = new WindowClock(settings.zone());
        this.open = new OpenWindows(clock);
    }

    @Override
    public void init(ProcessorContext<byte[], SpecificRecord> context) {
        this.context = context;
        this.seen = context.getStateStore(ReleaseWatchTopology.SEEN_STORE);
        this.progress = context.getStateStore(ReleaseWatchTopology.PROGRESS_STORE);
        this.partition = context.taskId().partition();
        Long stored = progress.get(WATERMARK_KEY);
        if (stored != null) {
            watermark = stored;
            maxSeen = stored + settings.grace().toMillis();
            nextBoundary = clock.hourStart(watermark) + WindowClock.HOUR;
        }
        rebuild();
        lastRecordWallClock = context.currentSystemTimeMs();
        Duration every = settings.idleAdvance().dividedBy(5);
        context.schedule(
                every.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : every,
                PunctuationType.WALL_CLOCK_TIME,
                this::advanceIfIdle);
    }

    /** Rebuilds the open windows and the expiry queue from the de-duplication store after a restart. */
    private void rebuild() {
        List<KeyValue<Long, String>> entries = new ArrayList<>();
        try (KeyValueIterator<String, SeenRelease> it = seen.all()) {
            while (it.hasNext()) {
                KeyValue<String, SeenRelease> kv = it.next();
                SeenRelease r = kv.value;
                entries.add(KeyValue.pair(r.time(), kv.key));
                if (kv.key.startsWith(NUKE_PREFIX) || kv.key.startsWith(UNNUKE_PREFIX)) {
                    open.restoreNuke(r.time(), kv.key.startsWith(UNNUKE_PREFIX), r.category(), r.group(), watermark);
                } else {
                    open.restore(r.time(), r.category(), r.group(), watermark);
                }
            }
        }
        entries.sort((a, b) -> Long.compare(a.key, b.key));
        moved.clear();
        expiry.addAll(entries);
        if (!entries.isEmpty()) {
            LOGGER.info(
                    "Task {}: restored {} remembered releases, {} open windows",
                    context.taskId(),
                    entries.size(),
                    open.size());
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        long now = context.currentSystemTimeMs();
        lastRecordWallClock = now;
        ReleaseAnnouncement a;
        try {
            if (record.value() == null) {
                deadLetter(record, Rejection.malformed("record has no value"), null);
                return;
            }
            a = announcements.decode(record.value());
        } catch (Exception e) {
            deadLetter(
                    record,
                    Rejection.malformed("not a ReleaseAnnouncement in Avro single-object encoding: " + e.getMessage()),
                    null);
            return;
        }
        Rejection rejection = validator.check(a, now);
        if (rejection != null) {
            deadLetter(record, rejection, a.getSource());
            return;
        }
        long t = a.getTime().toEpochMilli();
        lastRecordLag = now - t;
        switch (a.getKind()) {
            case HEARTBEAT -> metrics.event("heartbeat");
            case NUKE, UNNUKE -> countNuke(record, a, t);
            default -> count(record, a, t);
        }
        advance(t);
    }

    private void count(Record<byte[], byte[]> record, ReleaseAnnouncement a, long t) {
        String key = a.getName().toLowerCase(Locale.ROOT);
        SeenRelease previous = seen.get(key);
        if (previous != null) {
            metrics.duplicate(a.getSource());
            metrics.event("duplicate");
            if (t < previous.time() && isOpen(previous.time()) && isOpen(t)) {
                open.remove(previous.time(), previous.category(), previous.group());
                open.add(t, previous.category(), previous.group());
                seen.put(key, new SeenRelease(t, previous.category(), previous.group(), a.getSource()));
                expiry.addLast(KeyValue.pair(t, key));
                moved.put(key, t);
            }
            return;
        }
        if (!isOpen(t)) {
            if (lateLogged++ % 1000 == 0) {
                LOGGER.warn(
                        "Late release {} at {}: its window closed at watermark {} (dead-lettered as LATE; {} so far)",
                        a.getName(),
                        a.getTime(),
                        Instant.ofEpochMilli(watermark),
                        lateLogged);
            }
            deadLetter(
                    record,
                    Rejection.late(
                            "event time " + a.getTime() + " is before the watermark " + Instant.ofEpochMilli(watermark)
                                    + " of partition " + partition + ": its hour window was already closed"),
                    a.getSource());
            return;
        }
        String category = classifier.category(a.getSection(), a.getName());
        String group = classifier.group(a.getName());
        metrics.categoryOrigin(classifier.categoryOrigin(a.getSection()));
        seen.put(key, new SeenRelease(t, category, group, a.getSource()));
        expiry.addLast(KeyValue.pair(t, key));
        open.add(t, category, group);
        metrics.event("counted");
    }

    /**
     * Counts a nuke or unnuke once per (release, kind) within the de-duplication window, at the time of the first
     * announcement of it, in the category and group the release itself was counted in when it is remembered (a nuke
     * usually names the release without its section).
     */
    private void countNuke(Record<byte[], byte[]> record, ReleaseAnnouncement a, long t) {
        boolean unnuke = a.getKind() == EventKind.UNNUKE;
        String name = a.getName().toLowerCase(Locale.ROOT);
        String key = (unnuke ? UNNUKE_PREFIX : NUKE_PREFIX) + name;
        if (seen.get(key) != null) {
            metrics.duplicate(a.getSource());
            metrics.event("duplicate");
            return;
        }
        if (!isOpen(t)) {
            deadLetter(
                    record,
                    Rejection.late(a.getKind() + " at " + a.getTime() + " is before the watermark "
                            + Instant.ofEpochMilli(watermark) + " of partition " + partition
                            + ": its hour window was already closed"),
                    a.getSource());
            return;
        }
        SeenRelease release = seen.get(name);
        String category = release != null ? release.category() : classifier.category(a.getSection(), a.getName());
        String group = release != null ? release.group() : classifier.group(a.getName());
        seen.put(key, new SeenRelease(t, category, group, a.getSource()));
        expiry.addLast(KeyValue.pair(t, key));
        open.addNuke(t, unnuke, category, group);
        metrics.nuke(a.getKind().name(), category);
        metrics.event(a.getKind().name().toLowerCase(Locale.ROOT));
    }

    /** Whether the hour window (and so the day window) holding {@code t} is still open. */
    private boolean isOpen(long t) {
        return clock.hourStart(t) + WindowClock.HOUR > watermark;
    }

    private void advance(long t) {
        if (t <= maxSeen) {
            return;
        }
        maxSeen = t;
        long wm = t - settings.grace().toMillis();
        if (wm <= watermark) {
            return;
        }
        watermark = wm;
        if (nextBoundary == Long.MIN_VALUE) {
            nextBoundary = clock.hourStart(wm) + WindowClock.HOUR;
            return;
        }
        if (wm >= nextBoundary) {
            emitBatch();
            nextBoundary = clock.hourStart(wm) + WindowClock.HOUR;
        }
    }

    private void emitBatch() {
        List<ClosedWindow> closed = open.closeThrough(watermark);
        progress.put(WATERMARK_KEY, watermark);
        WindowBatch batch = new WindowBatch(partition, Instant.ofEpochMilli(watermark), closed);
        context.forward(new Record<>(BATCH_KEY, batch, context.currentSystemTimeMs()));
        expire();
    }

    /** Forgets releases older than the de-duplication window (in event time). */
    private void expire() {
        long horizon = maxSeen - settings.dedupWindow().toMillis();
        while (!expiry.isEmpty() && expiry.peekFirst().key < horizon) {
            KeyValue<Long, String> oldest = expiry.pollFirst();
            Long movedTo = moved.get(oldest.value);
            if (movedTo == null) {
                seen.put(oldest.value, null);
            } else if (movedTo.equals(oldest.key)) {
                moved.remove(oldest.value);
                seen.put(oldest.value, null);
            }
        }
    }

    /**
     * Wall-clock punctuation: a partition that was live (its last record's event time within the live lag
     * of the wall clock) and has been idle for the idle-advance time moves its watermark as if an event
     * had arrived {@code idleAdvance} ago, so silent hours close and the silence itself is detected.
     */
    private void advanceIfIdle(long now) {
        if (lastRecordLag > settings.liveLag().toMillis()
                || now - lastRecordWallClock < settings.idleAdvance().toMillis()) {
            return;
        }
        advance(now - settings.idleAdvance().toMillis());
    }

    private void deadLetter(Record<byte[], byte[]> record, Rejection rejection, String source) {
        metrics.deadLetter(rejection.code());
        metrics.event("dead_letter");
        context.forward(DeadLetters.of(context, record, rejection, source));
    }
}
