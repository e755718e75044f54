package dev.releasewatch.topology;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.ClosedWindow;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.WindowBatch;
import dev.releasewatch.avro.WindowCount;
import dev.releasewatch.detect.DetectionEngine;
import dev.releasewatch.detect.DetectorSettings;
import dev.releasewatch.detect.WindowOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single detecting task: adds up the partial counts every counting task sends, finalises a window once
 * the watermarks of all input partitions have passed its end, and hands each final window, in time order,
 * to the {@link DetectionEngine}; publishes the final counts and the alerts it returns.
 *
 * <p>One task is enough here by design: its input is a handful of batches per event-time hour whatever
 * the event rate (the per-event work is spread over the counting tasks of all instances), and a single
 * place that sees every category and group is what lets an alert say which categories dropped together
 * and which groups went missing.
 */
final class DetectingProcessor implements Processor<byte[], WindowBatch, String, SpecificRecord> {

    private static final Logger LOGGER = LoggerFactory.getLogger(DetectingProcessor.class);

    /** A jump of the watermark beyond this (e.g. live data after a replay of old history) is not filled window by window. */
    static final Duration MAX_GAP = Duration.ofDays(35);

    private final int inputPartitions;
    private final DetectorSettings detectorSettings;
    private final TopologyMetrics metrics;
    private final WindowClock clock;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, ClosedWindow> pending;
    private KeyValueStore<String, Long> progress;
    private DetectionEngine engine;

    DetectingProcessor(int inputPartitions, ZoneId zone, DetectorSettings detectorSettings, TopologyMetrics metrics) {
        this.inputPartitions = inputPartitions;
        this.detectorSettings = detectorSettings;
        this.metrics = metrics;
        this.clock = new WindowClock(zone);
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.pending = context.getStateStore(ReleaseWatchTopology.PENDING_STORE);
        this.progress = context.getStateStore(ReleaseWatchTopology.DETECTOR_PROGRESS_STORE);
        KeyValueStore<String, byte[]> state = context.getStateStore(ReleaseWatchTopology.DETECTOR_STATE_STORE);
        this.engine = new DetectionEngine(detectorSettings, new StateStoreSubjectStore(state));
    }

    @Override
    public void process(Record<byte[], WindowBatch> record) {
        WindowBatch batch = record.value();
        if (batch == null) {
            return;
        }
        for (ClosedWindow w : batch.getWindows()) {
            String key = pendingKey(w.getGranularity(), w.getWindowStart().toEpochMilli());
            pending.put(key, WindowPartials.add(pending.get(key), w));
        }
        String wmKey = "wm/" + batch.getSourcePartition();
        Long previous = progress.get(wmKey);
        long wm = batch.getWatermark().toEpochMilli();
        if (previous == null || wm > previous) {
            progress.put(wmKey, wm);
        }
        long global = Long.MAX_VALUE;
        for (int p = 0; p < inputPartitions; p++) {
            Long w = progress.get("wm/" + p);
            if (w == null) {
                return;
            }
            global = Math.min(global, w);
        }
        finaliseThrough(global, record.timestamp());
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
                long skipTo = g == Granularity.HOUR ? clock.hourStart(global - MAX_GAP.toMillis()) : clock.dayStart(global - MAX_GAP.toMillis());
                LOGGER.warn("{} windows from {} to {} have no data and are more than {} behind the watermark: skipped",
                        g, Instant.ofEpochMilli(start), Instant.ofEpochMilli(skipTo), MAX_GAP);
                start = skipTo;
            }
        }
        long end = g == Granularity.HOUR ? start + WindowClock.HOUR : clock.dayEnd(start);
        return new long[] {start, end};
    }

    private void finalise(Granularity g, long start, long end, long timestamp) {
        String key = pendingKey(g, start);
        ClosedWindow window = pending.delete(key);
        if (window == null) {
            window = new ClosedWindow(g, Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), List.of(), List.of(), List.of());
        }
        WindowOutcome outcome = engine.windowClosed(window);
        for (WindowCount c : outcome.counts()) {
            String k = c.getScope().name() + '/' + c.getGranularity().name() + '/' + c.getSubject();
            context.forward(new Record<>(k, c, timestamp));
        }
        for (Alert a : outcome.alerts()) {
            metrics.alert(a.getScope().name(), a.getState().name(), a.getSeverity().name());
            context.forward(new Record<>(a.getAlertId(), a, timestamp));
        }
        progress.put("final/" + g.name(), end);
        metrics.windowFinalised(g.name(), end);
    }

    private static String pendingKey(Granularity g, long start) {
        return g.name() + "/" + String.format("%019d", start);
    }
}
