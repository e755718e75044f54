package dev.releasewatch.bench;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.feed.Categories;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The textbook topology {@code bench --baseline} compares the monitor with: what a competent engineer writes first for
 * "releases per category per day, each release once" (variant (c) of the performance anchor in the project's notes).
 * The input is read as announced (Avro), de-duplicated by release name in a persistent RocksDB store, re-keyed by
 * category, repartitioned, and counted in one-day windows; each count update goes to the output topic.
 *
 * <p>Two deliberate departures from the literal textbook, both so that it counts exactly what the monitor counts and
 * the comparison is fair: the grace of the windows covers the data's whole span (with the textbook's one hour, a
 * multi-partition replay drops most records as late), and the record's event time comes from the announcement's own
 * time field through a {@link TimestampExtractor} (as the monitor's does), not from the producer's timestamp.
 */
public final class BaselineTopology {

    static final String SEEN_STORE = "baseline-seen";

    private BaselineTopology() {}

    /**
     * The topology reading {@code input} and writing {@code "CATEGORY@yyyy-mm-dd" → count} updates to {@code output}.
     *
     * @param grace how late a record may be and still count: at least the span of the data
     */
    public static Topology build(String input, String output, Duration grace, Categories categories) {
        AvroSerde<ReleaseAnnouncement> serde = AvroSerde.of(ReleaseAnnouncement.class);
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SEEN_STORE), Serdes.String(), Serdes.Long()));
        builder.stream(
                        input,
                        Consumed.with(Serdes.String(), Serdes.ByteArray())
                                .withTimestampExtractor(new AnnouncedTime(serde)))
                .processValues(() -> new FirstAnnouncement(serde, categories), SEEN_STORE)
                .filter((name, category) -> category != null)
                .selectKey((name, category) -> category)
                .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofDays(1), grace))
                .count(Materialized.as("baseline-counts"))
                .toStream()
                .map((window, count) -> KeyValue.pair(
                        window.key() + "@" + LocalDate.ofInstant(window.window().startTime(), ZoneOffset.UTC), count))
                .to(output, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    /** Event time from the announcement; an undecodable record keeps the broker's timestamp (and is dropped later). */
    private record AnnouncedTime(AvroSerde<ReleaseAnnouncement> serde) implements TimestampExtractor {
        @Override
        public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
            try {
                Instant time = serde.decode((byte[]) record.value()).getTime();
                return time.toEpochMilli();
            } catch (IOException | RuntimeException e) {
                return record.timestamp();
            }
        }
    }

    /** The category of a release announced for the first time; null for a repeat, a non-release or a bad record. */
    private static final class FirstAnnouncement implements FixedKeyProcessor<String, byte[], String> {
        private final AvroSerde<ReleaseAnnouncement> serde;
        private final Categories categories;
        private FixedKeyProcessorContext<String, String> context;
        private KeyValueStore<String, Long> seen;

        FirstAnnouncement(AvroSerde<ReleaseAnnouncement> serde, Categories categories) {
            this.serde = serde;
            this.categories = categories;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, String> context) {
            this.context = context;
            this.seen = context.getStateStore(SEEN_STORE);
        }

        @Override
        public void process(FixedKeyRecord<String, byte[]> record) {
            context.forward(record.withValue(firstCategory(record)));
        }

        private String firstCategory(FixedKeyRecord<String, byte[]> record) {
            ReleaseAnnouncement a;
            try {
                a = serde.decode(record.value());
            } catch (IOException | RuntimeException e) {
                return null;
            }
            if (a.getKind() != EventKind.RELEASE || record.key() == null || seen.get(record.key()) != null) {
                return null;
            }
            seen.put(record.key(), record.timestamp());
            return categories.categoryOf(a.getSection());
        }
    }
}
