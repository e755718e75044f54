package dev.releasewatch.topology;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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
import org.apache.kafka.streams.processor.api.RecordMetadata;
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
 * <p>Event time is decided so that no single source and no small fraction of records can move it (see
 * {@code docs/event-time.md}): the watermark is a robust front ({@link EventTimeFront}: a quorum of recent first
 * announcements, each source bounded by its peers) minus the grace; duplicates never move it. A first announcement
 * stamped far ahead of the front is held back ({@link HeldRecord}, changelogged) and counted at its own time once
 * the front reaches it, or, if it never does, at the front when it arrived (its arrival in event time), while its
 * hour stays open. A stamp further ahead of the record's arrival than the allowed clock skew (a live run) is not
 * believed: the record is counted at its arrival. Every such decision is metered per source. A record whose hour
 * window has already been closed is late and dead-lettered (reason LATE), never dropped silently. When a live
 * partition is idle (wall clock), the front is advanced with the wall clock so that a silent feed still closes
 * windows and the detector can see the silence; during a replay of history the partition is not live and the wall
 * clock is ignored.
 */
final class CountingProcessor implements Processor<byte[], byte[], byte[], SpecificRecord> {

    private static final Logger LOGGER = LoggerFactory.getLogger(CountingProcessor.class);
    private static final byte[] BATCH_KEY = "batch".getBytes(StandardCharsets.UTF_8);
    private static final String WATERMARK_KEY = "watermark";
    private static final String META_KEY = "meta";
    private static final String SAMPLE_PREFIX = "s/";
    private static final String SKEW_PREFIX = "k/";
    private static final String HELD_PREFIX = "h/";
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
    private KeyValueStore<String, byte[]> eventTime;
    private final EventTimeFront front;
    private final SourceSkew skew = new SourceSkew();
    /** Held first announcements by de-duplication key (few at a time: only records far ahead of the front). */
    private final Map<String, HeldRecord> held = new TreeMap<>();

    private final long maxAhead;
    private final long maxClockSkew;
    private int partition = -1;
    private long watermark = Long.MIN_VALUE;
    private long nextBoundary = Long.MIN_VALUE;
    private long lastRecordWallClock;
    private long lastRecordLag = Long.MAX_VALUE;
    private long lateLogged;
    private long futureLogged;
    /** Records decoded by this task, so far: the clock of "recent" for sources. */
    private long arrivals;

    CountingProcessor(AppConfig settings, ReleaseClassifier classifier, TopologyMetrics metrics) {
        this.settings = settings;
        this.classifier = classifier;
        this.metrics = metrics;
        this.validator =
                new AnnouncementValidator(settings.minEventTime(), settings.maxFutureSkew(), settings.maxNameLength());
        this.clock = new WindowClock(settings.zone());
        this.open = new OpenWindows(clock);
        this.maxAhead = settings.eventTime().maxAhead().toMillis();
        this.maxClockSkew = settings.eventTime().maxClockSkew().toMillis();
        this.front = new EventTimeFront(
                settings.eventTime().sampleSize(), settings.eventTime().quorum(), maxAhead);
    }

    @Override
    public void init(ProcessorContext<byte[], SpecificRecord> context) {
        this.context = context;
        this.seen = context.getStateStore(ReleaseWatchTopology.SEEN_STORE);
        this.progress = context.getStateStore(ReleaseWatchTopology.PROGRESS_STORE);
        this.eventTime = context.getStateStore(ReleaseWatchTopology.EVENT_TIME_STORE);
        this.partition = context.taskId().partition();
        Long stored = progress.get(WATERMARK_KEY);
        if (stored != null) {
            watermark = stored;
            nextBoundary = clock.hourStart(watermark) + WindowClock.HOUR;
        }
        restoreEventTime();
        rebuild();
        lastRecordWallClock = context.currentSystemTimeMs();
        Duration every = settings.idleAdvance().dividedBy(5);
        context.schedule(
                every.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : every,
                PunctuationType.WALL_CLOCK_TIME,
                this::advanceIfIdle);
    }

    /** Restores the event-time front's sample, the sources' latest stamps and the held records after a restart. */
    private void restoreEventTime() {
        byte[] meta = eventTime.get(META_KEY);
        if (meta == null) {
            return;
        }
        try (KeyValueIterator<String, byte[]> it = eventTime.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                ByteBuffer b = ByteBuffer.wrap(kv.value);
                if (kv.key.startsWith(SAMPLE_PREFIX)) {
                    front.put(Integer.parseInt(kv.key.substring(SAMPLE_PREFIX.length())), b.getLong());
                } else if (kv.key.startsWith(SKEW_PREFIX)) {
                    skew.restore(
                            kv.key.substring(SKEW_PREFIX.length()),
                            kv.value,
                            ByteBuffer.wrap(meta).getLong(32));
                } else if (kv.key.startsWith(HELD_PREFIX)) {
                    held.put(kv.key.substring(HELD_PREFIX.length()), HeldRecord.fromBytes(kv.value));
                }
            }
        }
        ByteBuffer m = ByteBuffer.wrap(meta);
        front.restored((int) m.getLong(), (int) m.getLong(), m.getLong(), m.getLong());
        arrivals = m.getLong();
    }

    private void saveMeta() {
        eventTime.put(
                META_KEY,
                ByteBuffer.allocate(40)
                        .putLong(front.nextSlot())
                        .putLong(front.size())
                        .putLong(front.promise())
                        .putLong(front.recordFront())
                        .putLong(arrivals)
                        .array());
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
        if (nextBoundary == Long.MIN_VALUE && !entries.isEmpty()) {
            nextBoundary = clock.hourStart(entries.get(0).key) + WindowClock.HOUR;
        }
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
        long stamp = a.getTime().toEpochMilli();
        long arrival = record.timestamp() > 0 ? Math.min(record.timestamp(), now) : now;
        long t = stamp;
        String label = metrics.sourceLabel(a.getSource());
        long reference = front.front();
        if (stamp > arrival + maxClockSkew) {
            // a live run: arrival and event time are one clock, and this stamp runs ahead of it
            t = arrival;
            reference = arrival;
            metrics.futureStamp(label, "retimed");
            logFuture(a, "counted at its arrival " + Instant.ofEpochMilli(arrival));
        }
        if (reference != EventTimeFront.NONE && a.getKind() != EventKind.HEARTBEAT) {
            long median = skew.observe(a.getSource(), stamp - reference, ++arrivals);
            metrics.sourceSkew(label, median);
            byte[] ring = skew.ring(a.getSource());
            if (ring != null) {
                eventTime.put(SKEW_PREFIX + a.getSource(), ring);
            }
        }
        lastRecordLag = now - t;
        switch (a.getKind()) {
            case HEARTBEAT -> {
                metrics.event("heartbeat");
                front.promise(t);
            }
            case NUKE, UNNUKE -> first(record, a, t, nukeKey(a));
            default -> first(record, a, t, a.getName().toLowerCase(Locale.ROOT));
        }
        saveMeta();
        advance();
    }

    private static String nukeKey(ReleaseAnnouncement a) {
        return (a.getKind() == EventKind.UNNUKE ? UNNUKE_PREFIX : NUKE_PREFIX)
                + a.getName().toLowerCase(Locale.ROOT);
    }

    /**
     * A release, nuke or unnuke at (believed) time {@code t}: a repeat of something counted is a duplicate; one far
     * ahead of the front is held back; anything else is counted, and its time joins the front's sample.
     */
    private void first(Record<byte[], byte[]> record, ReleaseAnnouncement a, long t, String key) {
        SeenRelease previous = seen.get(key);
        if (previous != null) {
            duplicate(a, t, key, previous);
            return;
        }
        if (front.ahead(t) && outlier(a.getSource())) {
            // a source whose stamps run ahead of its peers': its stamp is known wrong, its arrival is the time
            t = front.front();
            metrics.futureStamp(metrics.sourceLabel(a.getSource()), "retimed");
            logFuture(a, "its source runs ahead of the others: counted at its arrival " + Instant.ofEpochMilli(t));
        }
        if (front.ahead(t)) {
            addToSample(t, a.getSource());
            HeldRecord already = held.get(key);
            if (already != null) {
                metrics.duplicate(a.getSource());
                metrics.event("duplicate");
                return;
            }
            RecordMetadata meta = context.recordMetadata().orElse(null);
            HeldRecord h = new HeldRecord(
                    t,
                    front.front(),
                    record.timestamp(),
                    meta == null ? "" : meta.topic(),
                    meta == null ? partition : meta.partition(),
                    meta == null ? -1 : meta.offset(),
                    record.key(),
                    record.value());
            held.put(key, h);
            eventTime.put(HELD_PREFIX + key, h.toBytes());
            metrics.futureStamp(metrics.sourceLabel(a.getSource()), "held");
            metrics.event("held");
            return;
        }
        Rejection late = countFirst(a, t, key);
        if (late != null) {
            deadLetter(record, late, a.getSource());
        } else {
            addToSample(t, a.getSource());
        }
    }

    /**
     * A first announcement's time joins the front's sample, unless its source's stamps run ahead of the feed (its
     * median skew is over {@code max-ahead}): such a source alone must not move event time, however many records it
     * sends.
     */
    private void addToSample(long t, String source) {
        if (outlier(source)) {
            return;
        }
        int slot = front.add(t);
        eventTime.put(SAMPLE_PREFIX + slot, ByteBuffer.allocate(8).putLong(t).array());
    }

    private boolean outlier(String source) {
        return skew.outlier(source, maxAhead, 4L * settings.eventTime().sampleSize());
    }

    private String sourceOf(HeldRecord h) {
        try {
            return announcements.decode(h.value()).getSource();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Counts a first announcement at {@code t}, or returns why it cannot be: its hour window has closed (LATE).
     */
    private Rejection countFirst(ReleaseAnnouncement a, long t, String key) {
        if (!isOpen(t)) {
            if (lateLogged++ % 1000 == 0) {
                LOGGER.warn(
                        "Late {} {} at {}: its window closed at watermark {} (dead-lettered as LATE; {} so far)",
                        a.getKind(),
                        a.getName(),
                        Instant.ofEpochMilli(t),
                        Instant.ofEpochMilli(watermark),
                        lateLogged);
            }
            return Rejection.late(a.getKind() + " at " + Instant.ofEpochMilli(t) + " is before the watermark "
                    + Instant.ofEpochMilli(watermark) + " of partition " + partition
                    + ": its hour window was already closed");
        }
        if (nextBoundary == Long.MIN_VALUE) {
            // the first window this task opens: the watermark sends batches from its end on
            nextBoundary = clock.hourStart(t) + WindowClock.HOUR;
        }
        if (a.getKind() == EventKind.RELEASE) {
            count(a, t, key);
        } else {
            countNuke(a, t, key);
        }
        return null;
    }

    /**
     * A repeat of a counted release: counted once, at the earliest plausible announcement, so an earlier stamp
     * (within {@code max-ahead} of the counted one, both windows still open) moves the count there.
     */
    private void duplicate(ReleaseAnnouncement a, long t, String key, SeenRelease previous) {
        metrics.duplicate(a.getSource());
        metrics.event("duplicate");
        if (a.getKind() == EventKind.RELEASE
                && t < previous.time()
                && previous.time() - t <= maxAhead
                && isOpen(previous.time())
                && isOpen(t)) {
            open.remove(previous.time(), previous.category(), previous.group());
            open.add(t, previous.category(), previous.group());
            seen.put(key, new SeenRelease(t, previous.category(), previous.group(), a.getSource()));
            expiry.addLast(KeyValue.pair(t, key));
            moved.put(key, t);
        }
    }

    private void logFuture(ReleaseAnnouncement a, String outcome) {
        if (futureLogged++ % 1000 == 0) {
            LOGGER.warn(
                    "{} {} from {} stamped {} is ahead of partition {}'s event time {}: {} ({} so far)",
                    a.getKind(),
                    a.getName(),
                    a.getSource(),
                    a.getTime(),
                    partition,
                    front.front() == EventTimeFront.NONE ? "(none yet)" : Instant.ofEpochMilli(front.front()),
                    outcome,
                    futureLogged);
        }
    }

    private void count(ReleaseAnnouncement a, long t, String key) {
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
    private void countNuke(ReleaseAnnouncement a, long t, String key) {
        boolean unnuke = a.getKind() == EventKind.UNNUKE;
        SeenRelease release = seen.get(a.getName().toLowerCase(Locale.ROOT));
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

    /**
     * Settles held records against the front, then moves the watermark to the front minus the grace, but never
     * past the hour of a record still held (it may yet be counted at its arrival) nor, in a live run, past the wall
     * clock plus the allowed skew.
     */
    private void advance() {
        long f = front.front();
        if (f == EventTimeFront.NONE) {
            return;
        }
        if (!held.isEmpty()) {
            settleHeld(f);
        }
        long wm = Math.min(f, context.currentSystemTimeMs() + maxClockSkew)
                - settings.grace().toMillis();
        for (HeldRecord h : held.values()) {
            wm = Math.min(wm, clock.hourStart(h.arrivalFront()) + WindowClock.HOUR - 1);
        }
        if (wm <= watermark) {
            return;
        }
        watermark = wm;
        if (nextBoundary != Long.MIN_VALUE && wm >= nextBoundary) {
            emitBatch();
            nextBoundary = clock.hourStart(wm) + WindowClock.HOUR;
        }
    }

    /**
     * A held record whose stamp the front has come within {@code max-ahead} of is counted at its stamp; one the
     * front has gone {@code max-ahead} past its arrival without reaching is counted at its arrival (the front when
     * it arrived), unless another source's announcement of it was counted meanwhile.
     */
    private void settleHeld(long f) {
        for (var it = held.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, HeldRecord> e = it.next();
            HeldRecord h = e.getValue();
            boolean plausible = !outlier(e.getKey().isEmpty() ? "" : sourceOf(h))
                    && (front.reachedByRecords(h.stamp()) || h.stamp() <= front.promise());
            if (!plausible && f < h.arrivalFront() + maxAhead) {
                continue;
            }
            it.remove();
            eventTime.delete(HELD_PREFIX + e.getKey());
            ReleaseAnnouncement a;
            try {
                a = announcements.decode(h.value());
            } catch (IOException broken) {
                throw new IllegalStateException("a held record no longer decodes", broken);
            }
            String label = metrics.sourceLabel(a.getSource());
            SeenRelease previous = seen.get(e.getKey());
            if (previous != null) {
                metrics.duplicate(a.getSource());
                metrics.event("duplicate");
                metrics.futureStamp(label, "duplicate");
                continue;
            }
            long t = plausible ? h.stamp() : h.arrivalFront();
            if (!plausible) {
                logFuture(a, "held, never reached: counted at its arrival " + Instant.ofEpochMilli(t));
            }
            metrics.futureStamp(label, plausible ? "released" : "retimed");
            Rejection late = countFirst(a, t, e.getKey());
            if (late != null) {
                metrics.deadLetter(late.code());
                metrics.event("dead_letter");
                context.forward(DeadLetters.of(context, h, late, a.getSource()));
            }
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
        long horizon = front.front() - settings.dedupWindow().toMillis();
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
        front.promise(now - settings.idleAdvance().toMillis());
        saveMeta();
        advance();
    }

    private void deadLetter(Record<byte[], byte[]> record, Rejection rejection, String source) {
        metrics.deadLetter(rejection.code());
        metrics.event("dead_letter");
        context.forward(DeadLetters.of(context, record, rejection, source));
    }
}
