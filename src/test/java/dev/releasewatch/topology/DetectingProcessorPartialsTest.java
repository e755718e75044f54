package dev.releasewatch.topology;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.releasewatch.avro.ClosedWindow;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.SubjectCount;
import dev.releasewatch.avro.WindowBatch;
import dev.releasewatch.avro.WindowCount;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.detect.DetectorSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Partial counts the detector can no longer use are deleted from the pending store and counted, not kept for ever
 * and lost without a word: those of a window already final (arriving e.g. after input partitions were added), and
 * those of windows skipped because the watermark jumped more than {@link DetectingProcessor#MAX_GAP} ahead. Input
 * partitions that never sent a watermark show in a gauge.
 */
class DetectingProcessorPartialsTest {

    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long T0 = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private MockProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, ClosedWindow> pending;
    private DetectingProcessor processor;
    private long offset;

    @BeforeEach
    void setUp() {
        context = new MockProcessorContext<>();
        pending = store(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(ReleaseWatchTopology.PENDING_STORE),
                Serdes.String(),
                AvroSerde.of(ClosedWindow.class)));
        store(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(ReleaseWatchTopology.DETECTOR_PROGRESS_STORE),
                Serdes.String(),
                Serdes.Long()));
        store(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(ReleaseWatchTopology.DETECTOR_STATE_STORE),
                Serdes.String(),
                Serdes.ByteArray()));
        processor =
                new DetectingProcessor(2, ZoneOffset.UTC, DetectorSettings.defaults(), new TopologyMetrics(registry));
        processor.init(context);
    }

    @Test
    void shouldDropAndCountAPartialOfAWindowAlreadyFinal() {
        batch(0, T0 + HOUR, hour(T0, 5));
        assertThat(gauge(TopologyMetrics.SILENT_PARTITIONS)).isEqualTo(1);
        batch(1, T0 + HOUR, hour(T0, 3));
        assertThat(gauge(TopologyMetrics.SILENT_PARTITIONS)).isZero();
        assertThat(finalHourTotals()).containsExactly(8L);

        batch(1, T0 + HOUR, hour(T0, 4));

        assertThat(pending.approximateNumEntries())
                .as("the late partial is not kept")
                .isZero();
        assertThat(dropped("late")).isEqualTo(4);
    }

    @Test
    void shouldDeleteThePendingPartialsOfSkippedWindows() {
        batch(0, T0 + HOUR, hour(T0, 1));
        batch(1, T0 + HOUR, hour(T0, 1));
        long gapStart = T0 + 2 * HOUR;
        // partition 0 has closed an hour the other has not: its partial waits in the store
        batch(0, gapStart + HOUR, hour(gapStart, 7));
        assertThat(pending.approximateNumEntries()).isEqualTo(1);

        long far = T0 + DetectingProcessor.MAX_GAP.toMillis() + 10 * 24 * HOUR;
        batch(0, far, List.of());
        batch(1, far, List.of());

        assertThat(dropped("skipped")).isEqualTo(7);
        assertThat(pending.approximateNumEntries()).isZero();
    }

    private void batch(int partition, long watermark, List<ClosedWindow> windows) {
        context.setRecordMetadata(ReleaseWatchTopology.WINDOW_BATCHES, 0, offset++);
        processor.process(new Record<>(
                new byte[0], new WindowBatch(partition, Instant.ofEpochMilli(watermark), true, windows), watermark));
    }

    private static List<ClosedWindow> hour(long start, long total) {
        return List.of(new ClosedWindow(
                Granularity.HOUR,
                Instant.ofEpochMilli(start),
                Instant.ofEpochMilli(start + HOUR),
                List.of(new SubjectCount(Scope.TOTAL, "*", total)),
                List.of(),
                List.of(),
                List.of()));
    }

    private List<Long> finalHourTotals() {
        return context.forwarded().stream()
                .map(f -> f.record().value())
                .filter(v -> v instanceof WindowCount)
                .map(v -> (WindowCount) v)
                .filter(c -> c.getGranularity() == Granularity.HOUR && c.getScope() == Scope.TOTAL)
                .map(WindowCount::getCount)
                .toList();
    }

    private double dropped(String reason) {
        return registry.counter(TopologyMetrics.RELEASES_DROPPED, "granularity", "HOUR", "reason", reason)
                .count();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private <S extends StateStore> S store(StoreBuilder<S> builder) {
        S store = builder.withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }
}
