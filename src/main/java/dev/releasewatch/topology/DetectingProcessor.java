package dev.releasewatch.topology;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.ClosedWindow;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.OperatorDecision;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.WindowBatch;
import dev.releasewatch.avro.WindowCount;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.detect.DetectionEngine;
import dev.releasewatch.detect.DetectorSettings;
import dev.releasewatch.detect.SubjectStore;
import dev.releasewatch.detect.WindowOutcome;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One detecting task, one per detect partition: adds up the partial counts every counting task sends for the
 * subjects this partition owns, finalises a window once the watermarks of all input partitions have passed its end,
 * and hands each final window, in time order, to its {@link DetectionEngine}; publishes the final counts and the
 * alerts it returns for what it owns.
 *
 * <p>What a partition owns is decided by {@link DetectShards}: a share of the groups (by a hash of the name), and,
 * on partition {@link DetectShards#OWNER}, the feed-wide subjects (TOTAL, categories, sources). Every partition
 * receives the feed-wide counts and keeps the same feed-wide state, because every judgement of a group needs it (the
 * feed's weekday profile is the group's prior; a group drop during a feed-wide collapse carries the feed's incident
 * id; the cause of an alert comes from the sources); only the owner publishes it. So detection runs in as many tasks
 * as there are detect partitions, on every instance, and no task's state grows with the groups of other partitions.
 *
 * <p>Partial counts are kept as they arrive, one store entry per received window part (a bounded page, see {@link
 * DetectShards#PAGE_BYTES}), and summed in memory only when the window is finalised: no store value grows with the
 * number of groups. Entries of the single-key layout of earlier releases ({@code GRANULARITY/start}) are read too.
 *
 * <p>It also applies operator decisions ({@link OperatorDecision}, read by {@link DecisionReader}): the
 * detector state they change lives here, and one task owning both inputs means a decision and a window
 * never race. A decision applies <em>when it is processed</em>, at the event time the detector has
 * reached (the end of the last window it finalised), not at its {@code decidedAt}:
 * <ul>
 *   <li>the operator judged the level the monitor showed them, i.e. the windows already judged; the
 *   engine cannot un-judge windows, so applying "as of" an earlier time is not possible, and applying it
 *   at a later event time would leave the alert open while the operator watches;</li>
 *   <li>{@code decidedAt} is a wall-clock time; during a backlog or after a replay of history it is far
 *   from the event time of the windows, and the RESOLVED alert's times would jump out of order with the
 *   other alerts;</li>
 *   <li>the order of decisions and window batches is the order Kafka Streams reads them in: both topics
 *   carry broker append times, so a decision follows every batch appended before it.</li>
 * </ul>
 */
final class DetectingProcessor implements Processor<byte[], SpecificRecord, String, SpecificRecord> {

    private static final Logger LOGGER = LoggerFactory.getLogger(DetectingProcessor.class);

    /**
     * A jump of the watermark beyond this (e.g. live data after a replay of old history) is not filled window by
     * window.
     */
    static final Duration MAX_GAP = Duration.ofDays(35);
    /** How often, in batch time, the partitions that never received a record are named in the log. */
    static final Duration SILENT_REPORT_EVERY = Duration.ofMinutes(10);
    /** Store key prefix of held decisions; the engine's own keys never start with it. */
    private static final String HELD_PREFIX = "decision/";

    private final int inputPartitions;
    /** Whether this task publishes the feed-wide subjects ({@link DetectShards#OWNER}); set in {@link #init}. */
    private boolean owner;

    private final DetectorSettings detectorSettings;
    private final TopologyMetrics metrics;
    private final WindowClock clock;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, ClosedWindow> pending;
    private KeyValueStore<String, Long> progress;
    private DetectionEngine engine;
    /** The detector's state: the engine's subjects and the decisions held until their effective time. */
    private SubjectStore state;
    /** Batch time of the last report of partitions that never received a record. */
    private long lastSilentReport = Long.MIN_VALUE / 2;
    /** Batch time partitions were first seen without a watermark, in this run; MIN_VALUE while none are. */
    private long silentSince = Long.MIN_VALUE;

    private final AvroSerde<OperatorDecision> decisionSerde = AvroSerde.of(OperatorDecision.class);

    DetectingProcessor(int inputPartitions, ZoneId zone, DetectorSettings detectorSettings, TopologyMetrics metrics) {
        this.inputPartitions = inputPartitions;
        this.detectorSettings = detectorSettings;
        this.metrics = metrics;
        this.clock = new WindowClock(zone);
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.owner = context.taskId().partition() == DetectShards.OWNER;
        this.pending = context.getStateStore(ReleaseWatchTopology.PENDING_STORE);
        this.progress = context.getStateStore(ReleaseWatchTopology.DETECTOR_PROGRESS_STORE);
        this.state = new StateStoreSubjectStore(context.getStateStore(ReleaseWatchTopology.DETECTOR_STATE_STORE));
        this.engine = new DetectionEngine(detectorSettings, state);
    }

    @Override
    public void process(Record<byte[], SpecificRecord> record) {
        if (record.value() instanceof WindowBatch batch) {
            windowBatch(batch, record.timestamp());
        } else if (record.value() instanceof OperatorDecision decision) {
            decide(decision, record.timestamp());
        }
    }

    private void windowBatch(WindowBatch batch, long timestamp) {
        long offset = context.recordMetadata()
                .map(RecordMetadata::offset)
                .orElseThrow(() -> new IllegalStateException("a window batch without its record's offset"));
        int part = 0;
        for (ClosedWindow w : batch.getWindows()) {
            Long finalEnd = progress.get("final/" + w.getGranularity().name());
            if (finalEnd != null && w.getWindowStart().toEpochMilli() < finalEnd) {
                dropped(w, "late", "its window is already final (were input partitions added?)");
                continue;
            }
            pending.put(partKey(w.getGranularity(), w.getWindowStart().toEpochMilli(), offset, part++), w);
        }
        if (!batch.getClosing()) {
            return;
        }
        String wmKey = "wm/" + batch.getSourcePartition();
        Long previous = progress.get(wmKey);
        long wm = batch.getWatermark().toEpochMilli();
        if (previous == null || wm > previous) {
            progress.put(wmKey, wm);
        }
        long global = Long.MAX_VALUE;
        List<Integer> silent = new ArrayList<>();
        for (int p = 0; p < inputPartitions; p++) {
            Long w = progress.get("wm/" + p);
            if (w == null) {
                silent.add(p);
            } else {
                global = Math.min(global, w);
            }
        }
        metrics.silentPartitions(silent.size());
        if (!silent.isEmpty()) {
            reportSilent(silent, timestamp);
            return;
        }
        silentSince = Long.MIN_VALUE;
        finaliseThrough(global, timestamp);
    }

    /**
     * Input partitions that never received a record send no watermark (idle-advance needs a first record), so no
     * window can be final: rather than stalling without a word, say which ones, once per
     * {@link #SILENT_REPORT_EVERY} of batch time once they have been silent that long (the gauge
     * {@link TopologyMetrics#SILENT_PARTITIONS} says it at once). Write one record to each (any valid
     * announcement), or create the topic with fewer partitions.
     */
    private void reportSilent(List<Integer> silent, long timestamp) {
        if (silentSince == Long.MIN_VALUE) {
            silentSince = timestamp;
        }
        if (timestamp - silentSince < SILENT_REPORT_EVERY.toMillis()
                || timestamp - lastSilentReport < SILENT_REPORT_EVERY.toMillis()) {
            return;
        }
        lastSilentReport = timestamp;
        if (!owner) {
            return;
        }
        LOGGER.warn(
                "No window can be finalised: input partitions {} of {} never received a record, so they have no "
                        + "watermark; write a record to each of them (or use fewer partitions)",
                silent,
                inputPartitions);
    }

    /**
     * Forgets a partial count the detector can no longer use, and says so (log and metric) rather than silently: on the
     * owner only, whose share holds the feed's TOTAL (every partition receives the feed-wide part; one report is
     * enough, and the TOTAL counts every release of the groups paged to other partitions too).
     */
    private void dropped(ClosedWindow w, String reason, String why) {
        if (!owner) {
            return;
        }
        long releases = WindowPartials.total(w);
        metrics.partialDropped(w.getGranularity().name(), reason, releases);
        LOGGER.warn(
                "{} window {} .. {}: partial count of {} releases dropped, {}",
                w.getGranularity(),
                w.getWindowStart(),
                w.getWindowEnd(),
                releases,
                why);
    }

    /**
     * A decision naming an {@code effectiveAt} the windows have not reached yet is held in the detector's store (so it
     * survives a restart and is applied exactly once) until they have; any other is applied now, at the event time
     * reached.
     */
    private void decide(OperatorDecision d, long timestamp) {
        Optional<Instant> reached = eventTimeReached();
        if (d.getEffectiveAt() != null && (reached.isEmpty() || reached.get().isBefore(d.getEffectiveAt()))) {
            state.put(heldKey(d.getEffectiveAt().toEpochMilli(), d.getDecisionId()), decisionSerde.encode(d));
            LOGGER.info(
                    "Decision {}: held until every window up to {} is final (reached so far: {})",
                    d.getDecisionId(),
                    d.getEffectiveAt(),
                    reached.map(Instant::toString).orElse("nothing"));
            return;
        }
        apply(d, reached.orElse(d.getDecidedAt()), timestamp);
    }

    /** Applies the held decisions whose effective time the windows have now reached, oldest first. */
    private void applyHeld(long reached, long timestamp) {
        for (Map.Entry<String, byte[]> kv : state.range(HELD_PREFIX, heldKey(reached, "\uffff"))) {
            state.delete(kv.getKey());
            apply(
                    decisionSerde.deserializer().deserialize(ReleaseWatchTopology.DETECTOR_STATE_STORE, kv.getValue()),
                    Instant.ofEpochMilli(reached),
                    timestamp);
        }
    }

    /** Sorts by effective time: zero-padded epoch millis (effective times before 1970 are refused by the validator). */
    private static String heldKey(long effectiveAt, String decisionId) {
        return HELD_PREFIX + String.format(Locale.ROOT, "%020d", effectiveAt) + "/" + decisionId;
    }

    private void apply(OperatorDecision d, Instant at, long timestamp) {
        String reason = d.getReason() == null ? "no reason given" : "reason: " + d.getReason();
        List<Alert> resolved = engine.acceptNewNormal(d.getScope(), d.getSubject(), at, d.getOperator(), d.getReason());
        if (resolved.isEmpty()) {
            LOGGER.info(
                    "Decision {}: {} accepted the current level of {} {} as the new normal at {} ({}); no open incident "
                            + "(or no such subject yet): nothing to resolve, the baseline is rebased if the subject is known",
                    d.getDecisionId(),
                    d.getOperator(),
                    d.getScope(),
                    d.getSubject(),
                    at,
                    reason);
        }
        for (Alert a : resolved) {
            LOGGER.info(
                    "Decision {}: {} accepted the current level of {} {} as the new normal at {} ({}); resolved alert {}: {}",
                    d.getDecisionId(),
                    d.getOperator(),
                    d.getScope(),
                    d.getSubject(),
                    at,
                    reason,
                    a.getAlertId(),
                    a.getSummary());
            publish(a, timestamp);
        }
    }

    /** The end of the last window finalised (hour windows end at least as late as day windows), if any. */
    private Optional<Instant> eventTimeReached() {
        Long hour = progress.get("final/" + Granularity.HOUR.name());
        Long day = progress.get("final/" + Granularity.DAY.name());
        if (hour == null && day == null) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(
                Math.max(hour == null ? Long.MIN_VALUE : hour, day == null ? Long.MIN_VALUE : day)));
    }

    private void finaliseThrough(long global, long timestamp) {
        while (true) {
            long[] hour = next(Granularity.HOUR, global);
            long[] day = next(Granularity.DAY, global);
            boolean hourDue = hour != null && hour[1] <= global;
            boolean dayDue = day != null && day[1] <= global;
            if (!hourDue && !dayDue) {
                return;
            }
            if (hourDue && (!dayDue || hour[1] <= day[1])) {
                finalise(Granularity.HOUR, hour[0], hour[1], timestamp);
            } else {
                finalise(Granularity.DAY, day[0], day[1], timestamp);
            }
        }
    }

    /** The next window of a granularity to finalise as {start, end}, or null when none is known yet. */
    private long[] next(Granularity g, long global) {
        Long lastEnd = progress.get("final/" + g.name());
        long start;
        if (lastEnd == null) {
            String prefix = g.name() + "/";
            try (KeyValueIterator<String, ClosedWindow> it = pending.range(prefix, prefix + "~")) {
                if (!it.hasNext()) {
                    return null;
                }
                start = it.next().value.getWindowStart().toEpochMilli();
            }
        } else {
            start = lastEnd;
            if (global - start > MAX_GAP.toMillis()) {
                long skipTo = g == Granularity.HOUR
                        ? clock.hourStart(global - MAX_GAP.toMillis())
                        : clock.dayStart(global - MAX_GAP.toMillis());
                LOGGER.warn(
                        "{} windows from {} to {} have no data and are more than {} behind the watermark: skipped",
                        g,
                        Instant.ofEpochMilli(start),
                        Instant.ofEpochMilli(skipTo),
                        MAX_GAP);
                dropPending(g, start, skipTo);
                start = skipTo;
            }
        }
        long end = g == Granularity.HOUR ? start + WindowClock.HOUR : clock.dayEnd(start);
        return new long[] {start, end};
    }

    /** Deletes (and reports) the pending partials of windows in [from, to) that are skipped, never finalised. */
    private void dropPending(Granularity g, long from, long to) {
        List<KeyValue<String, ClosedWindow>> skipped = new ArrayList<>();
        try (KeyValueIterator<String, ClosedWindow> it = pending.range(pendingKey(g, from), pendingKey(g, to))) {
            it.forEachRemaining(skipped::add);
        }
        for (KeyValue<String, ClosedWindow> kv : skipped) {
            if (kv.value.getWindowStart().toEpochMilli() < to) {
                pending.delete(kv.key);
                dropped(kv.value, "skipped", "more than " + MAX_GAP + " behind the watermark");
            }
        }
    }

    private void finalise(Granularity g, long start, long end, long timestamp) {
        String key = pendingKey(g, start);
        List<KeyValue<String, ClosedWindow>> parts = new ArrayList<>();
        try (KeyValueIterator<String, ClosedWindow> it = pending.range(key, key + "/\uffff")) {
            it.forEachRemaining(parts::add);
        }
        List<ClosedWindow> partials = new ArrayList<>(parts.size());
        for (KeyValue<String, ClosedWindow> kv : parts) {
            pending.delete(kv.key);
            partials.add(kv.value);
        }
        ClosedWindow window = partials.isEmpty() ? null : WindowPartials.sum(partials);
        if (window == null) {
            window = new ClosedWindow(
                    g,
                    Instant.ofEpochMilli(start),
                    Instant.ofEpochMilli(end),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of());
        }
        WindowOutcome outcome = engine.windowClosed(window);
        for (WindowCount c : outcome.counts()) {
            if (!publishes(c.getScope())) {
                continue;
            }
            String k = c.getScope().name() + '/' + c.getGranularity().name() + '/' + c.getSubject();
            context.forward(new Record<>(k, c, timestamp));
        }
        for (Alert a : outcome.alerts()) {
            publish(a, timestamp);
        }
        progress.put("final/" + g.name(), end);
        if (owner) {
            metrics.windowFinalised(g.name(), end);
        } else {
            metrics.finalThrough(end);
        }
        applyHeld(end, timestamp);
    }

    /** Whether this task publishes counts and alerts of {@code scope}: groups where they are owned, the rest once. */
    private boolean publishes(Scope scope) {
        return owner || scope == Scope.GROUP;
    }

    private void publish(Alert a, long timestamp) {
        if (!publishes(a.getScope())) {
            return;
        }
        metrics.alert(a.getScope().name(), a.getState().name(), a.getSeverity().name());
        context.forward(new Record<>(a.getAlertId(), a, timestamp));
    }

    private static String pendingKey(Granularity g, long start) {
        return g.name() + "/" + String.format("%019d", start);
    }

    /**
     * One received part of a window: the window's key, then the offset of the record it came in and its place in it,
     * so every part has its own entry (the offsets of one partition are unique) and the window's parts sort together.
     */
    private static String partKey(Granularity g, long start, long offset, int part) {
        return pendingKey(g, start) + String.format(Locale.ROOT, "/%020d/%05d", offset, part);
    }
}
