package dev.releasewatch.kafka;

import java.time.Duration;
import java.util.Map;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.WindowCount;
import dev.releasewatch.contract.AvroSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The dashboard's history stores: their names, keys and how they are built. The topology writes them
 * (from the counts and alerts topics) and the HTTP API queries them, so both take the layout from here.
 *
 * <p>Every store is keyed like the topic it is read from (counts: {@code SCOPE/GRANULARITY/subject}; alerts: the
 * alert id), so the partition of a key in the store is its partition in the topic, and
 * {@code KafkaStreams.queryMetadataForKey} with a String serializer finds the instance that holds it.
 *
 * <p>The window stores are persistent (RocksDB): a year of daily counts of every group a feed has seen is too much
 * to hold on the heap, and their retention (in event time: the newest window start minus the retention) bounds the
 * disk. Caching is off, so an interactive query always sees what was written.
 */
public final class HistoryStores {

    /** Daily counts, window start → WindowCount, per counts-topic key. */
    public static final String DAY_COUNTS = "history-day-counts";
    /** Hourly counts, the same. */
    public static final String HOUR_COUNTS = "history-hour-counts";
    /** Every counts-topic key seen → start of its newest window (epoch ms): what can be charted. */
    public static final String SUBJECTS = "history-subjects";
    /** Every alert state change, at its detection time, per alert id (duplicates kept: one per change). */
    public static final String ALERTS = "history-alerts";
    /** The latest FIRING state of every incident still open, per alert id; removed when it resolves. */
    public static final String OPEN_INCIDENTS = "history-open-incidents";

    private HistoryStores() {}

    /** The key of a series: the key the detector gives it on the counts topic. */
    public static String seriesKey(Scope scope, Granularity granularity, String subject) {
        return scope.name() + '/' + granularity.name() + '/' + subject;
    }

    /** The counts store of a granularity. */
    public static String countsStore(Granularity granularity) {
        return granularity == Granularity.DAY ? DAY_COUNTS : HOUR_COUNTS;
    }

    /** A count history store keeping windows of {@code size} for {@code retention}. */
    public static StoreBuilder<WindowStore<String, WindowCount>> counts(
            String name, Duration retention, Duration size) {
        return Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(name, retention, size, false),
                        Serdes.String(),
                        AvroSerde.of(WindowCount.class))
                .withCachingDisabled()
                .withLoggingEnabled(Map.of());
    }

    /** The subjects store. */
    public static StoreBuilder<KeyValueStore<String, Long>> subjects() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SUBJECTS), Serdes.String(), Serdes.Long())
                .withCachingDisabled()
                .withLoggingEnabled(Map.of());
    }

    /**
     * The alert history, kept for {@code retention}. The window size is nominal (an alert is an instant): it only has
     * to be positive and at most the retention.
     */
    public static StoreBuilder<WindowStore<String, Alert>> alerts(Duration retention) {
        return Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(ALERTS, retention, Duration.ofMillis(1), true),
                        Serdes.String(),
                        AvroSerde.of(Alert.class))
                .withCachingDisabled()
                .withLoggingEnabled(Map.of());
    }

    /** The open incidents. */
    public static StoreBuilder<KeyValueStore<String, Alert>> openIncidents() {
        return Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(OPEN_INCIDENTS), Serdes.String(), AvroSerde.of(Alert.class))
                .withCachingDisabled()
                .withLoggingEnabled(Map.of());
    }
}
