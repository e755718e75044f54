package dev.releasewatch.topology;

import java.time.Duration;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.WindowCount;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.kafka.HistoryStores;
import dev.releasewatch.kafka.ValueFormat;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;

/**
 * The dashboard's history: two small sub-topologies that read the monitor's own output topics back into
 * changelogged stores ({@link HistoryStores}) that the HTTP API queries.
 *
 * <pre>
 * counts topic ─► count-history ─► history-day-counts, history-hour-counts (window stores), history-subjects
 * alerts topic ─► alert-history ─► history-alerts (window store), history-open-incidents
 * </pre>
 *
 * <p>They read the topics rather than tapping the detector so that the stores are partitioned like the topics
 * (spread over the instances when the topics have several partitions) and see exactly what the topics hold:
 * under exactly-once they read committed records only.
 */
final class HistoryTopology {

    private HistoryTopology() {}

    /** Adds the history stores and the sub-topologies that fill them. */
    static void add(StreamsBuilder builder, AppConfig config) {
        Duration days = config.history().dayRetention();
        ValueFormat format = ValueFormat.of(config.serde());
        builder.addStateStore(HistoryStores.counts(HistoryStores.DAY_COUNTS, days, Duration.ofDays(1)));
        builder.addStateStore(
                HistoryStores.counts(HistoryStores.HOUR_COUNTS, config.history().hourRetention(), Duration.ofHours(1)));
        builder.addStateStore(HistoryStores.subjects());
        builder.addStateStore(HistoryStores.alerts(days));
        builder.addStateStore(HistoryStores.openIncidents());
        builder.stream(
                        config.topics().counts(),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("counts-for-history"))
                .process(
                        () -> new CountHistoryWriter(
                                format.decoder(WindowCount.class),
                                config.topics().counts()),
                        Named.as("count-history"),
                        HistoryStores.DAY_COUNTS,
                        HistoryStores.HOUR_COUNTS,
                        HistoryStores.SUBJECTS);
        builder.stream(
                        config.topics().alerts(),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("alerts-for-history"))
                .process(
                        () -> new AlertHistoryWriter(
                                format.decoder(Alert.class), config.topics().alerts()),
                        Named.as("alert-history"),
                        HistoryStores.ALERTS,
                        HistoryStores.OPEN_INCIDENTS);
    }
}
