package dev.releasewatch.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
import dev.releasewatch.feed.ReleaseClassifier;
import dev.releasewatch.kafka.MalformedRecordException;
import dev.releasewatch.kafka.ValueDecoder;
import dev.releasewatch.kafka.ValueFormat;
import dev.releasewatch.topology.dedup.ReleaseKeys;
import dev.releasewatch.topology.dedup.SeenMemory;
import dev.releasewatch.topology.dedup.SeenStore;
import io.micrometer.core.instrument.Counter;
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
    private static final byte META_VERSION = 2;
    private static final String SKEW_PREFIX = "k/";
    private static final String HELD_PREFIX = "h/";

    /** Sources whose meters are kept ({@link #meters}); more is a producer inventing ids, looked up each time. */
    private static final int MAX_SOURCE_METERS = 256;

    private final AppConfig settings;
    private final ReleaseClassifier classifier;
    private final TopologyMetrics metrics;
    private final Map<String, SourceMeters> sourceMeters = new HashMap<>();
    private final Map<String, Counter> categoryOrigins = new HashMap<>();
    private final Counter countedEvents;
    private final Counter duplicateEvents;
    private final Counter heartbeatEvents;
    private final ValueDecoder<ReleaseAnnouncement> announcements;
    private final AnnouncementValidator validator;
    private final WindowClock clock;
    private final OpenWindows open;

    private ProcessorContext<byte[], SpecificRecord> context;
    /** The de-duplication memory: releases, nukes and unnukes counted within the de-duplication window. */
    private SeenMemory seen;

    private KeyValueStore<String, Long> progress;
    private KeyValueStore<String, byte[]> eventTime;
    private final EventTimeFront front;
    private final SourceSkew skew = new SourceSkew();
    private final int maxHeld;
    private final int quorum;
    /**
     * Held first announcements by their name's key as a string (the lower-cased name, prefixed for nukes and unnukes:
     * {@link #heldKey}); few at a time: only records far ahead of the front.
     */
    private final Map<String, HeldRecord> held = new TreeMap<>();

    private final long maxAhead;
    private final long maxClockSkew;
    private int partition = -1;
    private long watermark = Long.MIN_VALUE;
    private long nextBoundary = Long.MIN_VALUE;
    private long lastRecordWallClock;
    private long lastRecordLag = Long.MAX_VALUE;
    private long lateLogged;
    /** The front as last stored in the event-time store (record front, promise); null before it is. */
    private long[] savedFront;

    private long futureLogged;

    CountingProcessor(AppConfig settings, ReleaseClassifier classifier, TopologyMetrics metrics) {
        this.settings = settings;
        this.classifier = classifier;
        this.metrics = metrics;
        this.countedEvents = metrics.events("counted");
        this.duplicateEvents = metrics.events("duplicate");
        this.heartbeatEvents = metrics.events("heartbeat");
        this.announcements = ValueFormat.of(settings.serde()).decoder(ReleaseAnnouncement.class);
        this.validator =
                new AnnouncementValidator(settings.minEventTime(), settings.maxFutureSkew(), settings.maxNameLength());
        this.clock = new WindowClock(settings.zone());
        this.open = new OpenWindows(clock);
        this.maxAhead = settings.eventTime().maxAhead().toMillis();
        this.maxClockSkew = settings.eventTime().maxClockSkew().toMillis();
        this.front = new EventTimeFront(maxAhead);
        this.quorum = settings.eventTime().jumpQuorum();
        this.maxHeld = settings.eventTime().maxHeld();
    }

    @Override
    public void init(ProcessorContext<byte[], SpecificRecord> context) {
        this.context = context;
        this.seen = new SeenMemory(SeenStore.of(context.getStateStore(ReleaseWatchTopology.SEEN_STORE)));
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

    /** Restores the event-time front, the sources' skew samples and the held records after a restart. */
    private void restoreEventTime() {
        byte[] meta = eventTime.get(META_KEY);
        if (meta == null) {
            return;
        }
        ByteBuffer m = ByteBuffer.wrap(meta);
        byte version = m.get();
        if (version != META_VERSION) {
            throw new IllegalStateException(
                    "event-time state of version " + version + ", this build reads " + META_VERSION);
        }
        front.restore(new long[] {m.getLong(), m.getLong()});
        savedFront = front.state();
        try (KeyValueIterator<String, byte[]> it = eventTime.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                if (kv.key.startsWith(SKEW_PREFIX)) {
                    skew.restore(kv.key.substring(SKEW_PREFIX.length()), kv.value);
                } else if (kv.key.startsWith(HELD_PREFIX)) {
                    held.put(kv.key.substring(HELD_PREFIX.length()), HeldRecord.fromBytes(kv.value));
                }
            }
        }
    }

    /** Stores the front when it has moved since it was last stored (duplicates and repeated promises do not). */
    private void saveMeta() {
        if (savedFront != null && front.recordFront() == savedFront[0] && front.promise() == savedFront[1]) {
            return;
        }
        savedFront = front.state();
        ByteBuffer b = ByteBuffer.allocate(1 + 8 * 2).put(META_VERSION);
        for (long v : savedFront) {
            b.putLong(v);
        }
        eventTime.put(META_KEY, b.array());
    }

    /** Rebuilds the de-duplication memory and, from it, the open windows after a restart. */
    private void rebuild() {
        long[] earliest = {Long.MAX_VALUE};
        int remembered = seen.restore((kind, time, category, group) -> {
            earliest[0] = Math.min(earliest[0], time);
            if (kind == ReleaseKeys.RELEASE) {
                open.restore(time, category, group, watermark);
            } else {
                open.restoreNuke(time, kind == ReleaseKeys.UNNUKE, category, group, watermark);
            }
        });
        if (nextBoundary == Long.MIN_VALUE && remembered > 0) {
            nextBoundary = clock.hourStart(earliest[0]) + WindowClock.HOUR;
        }
        if (remembered > 0) {
            LOGGER.info(
                    "Task {}: restored {} remembered releases, {} open windows",
                    context.taskId(),
                    remembered,
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
            a = announcements.decode(settings.topics().input(), record.value());
        } catch (MalformedRecordException e) {
            deadLetter(record, Rejection.malformed(e.getMessage()), null);
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
        boolean believed = true;
        if (stamp > arrival + maxClockSkew) {
            // a live run: arrival and event time are one clock, and this stamp runs ahead of it
            t = arrival;
            believed = false;
            observeSkew(a.getSource(), stamp - arrival);
            metrics.futureStamp(metrics.sourceLabel(a.getSource()), "retimed");
            logFuture(a, "counted at its arrival " + Instant.ofEpochMilli(arrival));
        }
        lastRecordLag = now - t;
        long at = activityTime(t);
        int activity;
        switch (a.getKind()) {
            case HEARTBEAT -> {
                heartbeatEvents.increment();
                front.promise(t);
                activity = SourceTally.HEARTBEAT;
            }
            case NUKE -> activity = first(record, a, t, believed, ReleaseKeys.of(ReleaseKeys.NUKE, a.getName()));
            case UNNUKE -> activity = first(record, a, t, believed, ReleaseKeys.of(ReleaseKeys.UNNUKE, a.getName()));
            default -> activity = first(record, a, t, believed, ReleaseKeys.release(a.getName()));
        }
        SourceMeters source = meters(a.getSource());
        source.announcement(activity);
        if (at != Long.MIN_VALUE) {
            open.activity(at, source.label(), activity);
        }
        saveMeta();
        advance();
    }

    /**
     * Where a record's source activity is counted: the hour of its time, but never a closed hour (then the oldest
     * open one: the source was alive when the record arrived, late or not) nor past the front (a stamp far ahead must
     * not open a window hours ahead). {@link Long#MIN_VALUE} before the task has counted anything: no window is sent
     * before then, and the record's own time opens the first.
     */
    private long activityTime(long t) {
        long f = front.front();
        long at = f != EventTimeFront.NONE && t > f ? f : t;
        if (watermark != Long.MIN_VALUE && !isOpen(at)) {
            at = watermark + 1;
        }
        return nextBoundary == Long.MIN_VALUE && f == EventTimeFront.NONE ? Long.MIN_VALUE : at;
    }

    /** The key of a held record: the lower-cased name, prefixed for nukes and unnukes (the held records' format). */
    private static String heldKey(ReleaseAnnouncement a) {
        String name = a.getName().toLowerCase(Locale.ROOT);
        return switch (a.getKind()) {
            case NUKE -> ReleaseKeys.NUKE_PREFIX + name;
            case UNNUKE -> ReleaseKeys.UNNUKE_PREFIX + name;
            default -> name;
        };
    }

    /**
     * A release, nuke or unnuke at time {@code t}: a repeat of something counted is a duplicate; one from a source
     * whose stamps run ahead of its peers' is counted at its arrival; one far ahead of the front is held back;
     * anything else is counted at {@code t} and moves the front.
     *
     * @param believed false when {@code t} is already the record's arrival (its stamp ran ahead of it)
     * @return {@link SourceTally#ANNOUNCEMENT} for a duplicate, else {@link SourceTally#FIRST}
     */
    private int first(Record<byte[], byte[]> record, ReleaseAnnouncement a, long t, boolean believed, long key) {
        long previous = seen.find(key);
        if (previous >= 0) {
            duplicate(a, t, previous);
            return SourceTally.ANNOUNCEMENT;
        }
        long f = front.front();
        if (believed && f != EventTimeFront.NONE && skew.outlier(a.getSource(), maxAhead)) {
            // a source whose stamps run ahead of its peers': its stamp is known wrong and never moves the front
            long at = Math.min(t, f);
            if (at < t) {
                metrics.futureStamp(metrics.sourceLabel(a.getSource()), "retimed");
                logFuture(a, "its source runs ahead of the others: counted at its arrival " + Instant.ofEpochMilli(at));
            }
            Rejection late = countFirst(a, at, key);
            if (late != null) {
                deadLetter(record, late, a.getSource());
            }
            return SourceTally.FIRST;
        }
        if (believed) {
            vote(t);
        }
        if (believed && (f == EventTimeFront.NONE || front.ahead(t))) {
            return hold(record, a, t, heldKey(a));
        }
        Rejection late = countFirst(a, t, key);
        if (late != null) {
            deadLetter(record, late, a.getSource());
        } else if (believed) {
            front.counted(t);
        }
        return SourceTally.FIRST;
    }

    /**
     * Holds a first announcement stamped far ahead of the front (or arriving before there is one), unless another
     * source's far-ahead announcement of the same release is already held, or the task holds too many already: then
     * it is dead-lettered as FUTURE with its bytes, never dropped.
     *
     * @return {@link SourceTally#ANNOUNCEMENT} when it repeats a held announcement, else {@link SourceTally#FIRST}
     */
    private int hold(Record<byte[], byte[]> record, ReleaseAnnouncement a, long t, String key) {
        String label = metrics.sourceLabel(a.getSource());
        boolean waiting = front.front() == EventTimeFront.NONE;
        HeldRecord already = held.get(key);
        if (already != null && already.stamp() <= t) {
            metrics.duplicate(a.getSource());
            metrics.event("duplicate");
            metrics.futureStamp(label, "duplicate");
            return SourceTally.ANNOUNCEMENT;
        }
        if (!waiting && held.size() >= maxHeld) {
            metrics.futureStamp(label, "dead_lettered");
            deadLetter(
                    record,
                    Rejection.future(a.getKind() + " at " + a.getTime() + " is more than " + Duration.ofMillis(maxAhead)
                            + " ahead of partition " + partition + "'s event time, and " + maxHeld
                            + " such records are held already (watermark.max-held)"),
                    a.getSource());
            return SourceTally.FIRST;
        }
        RecordMetadata meta = context.recordMetadata().orElse(null);
        HeldRecord h = new HeldRecord(
                t,
                front.recordFront(),
                0,
                0,
                waiting,
                record.timestamp(),
                meta == null ? "" : meta.topic(),
                meta == null ? partition : meta.partition(),
                meta == null ? -1 : meta.offset(),
                record.key(),
                record.value());
        held.put(key, h);
        eventTime.put(HELD_PREFIX + key, h.toBytes());
        if (already != null) {
            // the earliest announcement of a release is the one counted: the one held before is the duplicate
            metrics.duplicate(a.getSource());
            metrics.event("duplicate");
            return SourceTally.FIRST;
        }
        if (!waiting) {
            metrics.futureStamp(label, "held");
        }
        metrics.event("held");
        return SourceTally.FIRST;
    }

    /**
     * Counts a first announcement at {@code t}, or returns why it cannot be: its hour window has closed (LATE).
     */
    private Rejection countFirst(ReleaseAnnouncement a, long t, long key) {
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
    private void duplicate(ReleaseAnnouncement a, long t, long previous) {
        meters(a.getSource()).duplicate();
        duplicateEvents.increment();
        long previousTime = seen.time(previous);
        String previousSource = seen.source(previous);
        if (!a.getSource().equals(previousSource)) {
            long d = a.getTime().toEpochMilli() - previousTime;
            observeSkew(a.getSource(), d);
            observeSkew(previousSource, -d);
        }
        if (a.getKind() == EventKind.RELEASE
                && t < previousTime
                && previousTime - t <= maxAhead
                && isOpen(previousTime)
                && isOpen(t)) {
            String category = seen.category(previous);
            String group = seen.group(previous);
            open.remove(previousTime, category, group);
            open.add(t, category, group);
            seen.retime(previous, t, a.getSource());
        }
    }

    /** A believed first announcement stamped {@code t} votes on every record held before it. */
    private void vote(long t) {
        for (Map.Entry<String, HeldRecord> e : held.entrySet()) {
            if (e.getValue().against() >= quorum) {
                // outvoted: it is counted at its arrival once the front has moved on; more votes are a store write
                // per held record per record, which a flood of far-ahead stamps would make quadratic
                continue;
            }
            HeldRecord voted = e.getValue().vote(t, maxAhead);
            e.setValue(voted);
            eventTime.put(HELD_PREFIX + e.getKey(), voted.toBytes());
        }
    }

    private void observeSkew(String source, long skewMillis) {
        long median = skew.observe(source, skewMillis);
        metrics.sourceSkew(metrics.sourceLabel(source), median);
        byte[] ring = skew.ring(source);
        if (ring != null) {
            eventTime.put(SKEW_PREFIX + source, ring);
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

    private void count(ReleaseAnnouncement a, long t, long key) {
        String category = classifier.category(a.getSection(), a.getName());
        String group = classifier.group(a.getName());
        categoryOrigins
                .computeIfAbsent(classifier.categoryOrigin(a.getSection()), metrics::categoryOrigins)
                .increment();
        seen.remember(key, ReleaseKeys.RELEASE, t, category, group, a.getSource());
        open.add(t, category, group);
        countedEvents.increment();
    }

    /**
     * Counts a nuke or unnuke once per (release, kind) within the de-duplication window, at the time of the first
     * announcement of it, in the category and group the release itself was counted in when it is remembered (a nuke
     * usually names the release without its section).
     */
    private void countNuke(ReleaseAnnouncement a, long t, long key) {
        boolean unnuke = a.getKind() == EventKind.UNNUKE;
        long release = seen.find(ReleaseKeys.release(a.getName()));
        String category = release >= 0 ? seen.category(release) : classifier.category(a.getSection(), a.getName());
        String group = release >= 0 ? seen.group(release) : classifier.group(a.getName());
        seen.remember(key, unnuke ? ReleaseKeys.UNNUKE : ReleaseKeys.NUKE, t, category, group, a.getSource());
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
        if (!held.isEmpty()) {
            settleHeld();
        }
        long f = front.front();
        if (f == EventTimeFront.NONE) {
            return;
        }
        long wm = Math.min(f, context.currentSystemTimeMs() + maxClockSkew)
                - settings.grace().toMillis();
        for (HeldRecord h : held.values()) {
            if (h.arrivalFront() != EventTimeFront.NONE) {
                wm = Math.min(wm, clock.hourStart(h.arrivalFront()) + WindowClock.HOUR - 1);
            }
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
     * Settles the held records, until none changes: one whose stamp the front has come within {@code max-ahead} of
     * is counted at its stamp (a real jump, or a promise past it) and moves the record front; one the records (not a
     * promise) have moved {@code max-ahead} past its arrival without reaching its stamp is counted at its arrival
     * (the record front when it arrived): its stamp ran ahead of the partition's order. One that another source's
     * announcement has been counted for meanwhile is a duplicate.
     */
    private void settleHeld() {
        adoptFirstFront();
        boolean changed = true;
        while (changed && !held.isEmpty()) {
            changed = false;
            long f = front.front();
            long recordFront = front.recordFront();
            for (var it = held.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, HeldRecord> e = it.next();
                // read before it.remove(): a TreeMap entry removed by its iterator may take its successor's contents
                String key = e.getKey();
                HeldRecord h = e.getValue();
                long arrival = h.arrivalFront();
                boolean plausible = (f != EventTimeFront.NONE && h.stamp() <= f + maxAhead) || h.believed(quorum);
                boolean overtaken = h.against() >= quorum
                        && recordFront != EventTimeFront.NONE
                        && arrival != EventTimeFront.NONE
                        && recordFront >= arrival + maxAhead;
                if (!plausible && !overtaken) {
                    continue;
                }
                it.remove();
                eventTime.delete(HELD_PREFIX + key);
                changed |= settle(key, h, plausible, arrival);
            }
        }
    }

    /**
     * Records held before the partition had any front arrived, in event time, where the front was first set: that
     * is where they are counted if their stamps are never reached.
     */
    private void adoptFirstFront() {
        long recordFront = front.recordFront();
        if (recordFront == EventTimeFront.NONE) {
            return;
        }
        for (Map.Entry<String, HeldRecord> e : held.entrySet()) {
            HeldRecord h = e.getValue();
            if (h.arrivalFront() == EventTimeFront.NONE) {
                HeldRecord adopted = h.arrivedAt(recordFront);
                e.setValue(adopted);
                eventTime.put(HELD_PREFIX + e.getKey(), adopted.toBytes());
            }
        }
    }

    /** Counts one held record at its stamp or its arrival; returns whether it moved the front. */
    private boolean settle(String key, HeldRecord h, boolean plausible, long arrival) {
        ReleaseAnnouncement a;
        try {
            a = announcements.decode(settings.topics().input(), h.value());
        } catch (MalformedRecordException broken) {
            throw new IllegalStateException("a held record no longer decodes", broken);
        }
        String label = metrics.sourceLabel(a.getSource());
        long seenKey = ReleaseKeys.ofPrefixed(key);
        if (seen.find(seenKey) >= 0) {
            metrics.duplicate(a.getSource());
            metrics.event("duplicate");
            metrics.futureStamp(label, "duplicate");
            return false;
        }
        long t = plausible ? h.stamp() : arrival;
        if (!plausible) {
            logFuture(a, "held, never reached: counted at its arrival " + Instant.ofEpochMilli(t));
        }
        if (!plausible || !h.beforeFront()) {
            metrics.futureStamp(label, plausible ? "released" : "retimed");
        }
        Rejection late = countFirst(a, t, seenKey);
        if (late != null) {
            metrics.deadLetter(late.code());
            metrics.event("dead_letter");
            context.forward(DeadLetters.of(context, h, late, a.getSource()));
            return false;
        }
        if (plausible && t > front.recordFront()) {
            front.counted(t);
            return true;
        }
        return false;
    }

    private void emitBatch() {
        List<ClosedWindow> closed = open.closeThrough(watermark);
        progress.put(WATERMARK_KEY, watermark);
        WindowBatch batch = new WindowBatch(partition, Instant.ofEpochMilli(watermark), true, closed);
        context.forward(new Record<>(BATCH_KEY, batch, context.currentSystemTimeMs()));
        expire();
    }

    /** Forgets releases older than the de-duplication window (in event time). */
    private void expire() {
        seen.forgetBefore(front.front() - settings.dedupWindow().toMillis());
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

    /** The meters of {@code source}, kept for the first {@value #MAX_SOURCE_METERS} sources. */
    private SourceMeters meters(String source) {
        SourceMeters m = sourceMeters.get(source);
        if (m == null) {
            m = new SourceMeters(metrics, source);
            if (sourceMeters.size() < MAX_SOURCE_METERS) {
                sourceMeters.put(source, m);
            }
        }
        return m;
    }

    private void deadLetter(Record<byte[], byte[]> record, Rejection rejection, String source) {
        metrics.deadLetter(rejection.code());
        metrics.event("dead_letter");
        context.forward(DeadLetters.of(context, record, rejection, source));
    }
}
