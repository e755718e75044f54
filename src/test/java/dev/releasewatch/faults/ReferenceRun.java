package dev.releasewatch.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.config.ConfigLoader;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.feed.SectionClassifier;
import dev.releasewatch.produce.FeedPublisher;
import dev.releasewatch.topology.ReleaseWatchTopology;
import dev.releasewatch.topology.TopologyMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The fault-free run a fault test compares its alerts with: the same topology, configuration and input, with no
 * broker and nothing killed ({@link TopologyTestDriver}, one input partition). The detector judges final window
 * counts, which a correct run makes equal whatever the partitioning, so its alerts are what every faulty run
 * must publish, no more and no fewer.
 */
final class ReferenceRun {

    private ReferenceRun() {}

    /**
     * The alerts of a fault-free run of {@code events} with {@code settings}, closed by a final heartbeat, by one
     * counting and one detecting task (the TopologyTestDriver has one partition per topic): the faulted runs, on
     * several partitions of each, must decide the same.
     */
    static List<Alert> alerts(Map<String, String> settings, List<ReleaseAnnouncement> events, Instant finalHeartbeat)
            throws Exception {
        AppConfig config = new ConfigLoader()
                .overrides(settings)
                .set("bootstrap.servers", "unused:9092")
                .load();
        Path state = Files.createTempDirectory("faults-reference-");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "faults-reference");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        AvroSerde<ReleaseAnnouncement> serde = AvroSerde.of(ReleaseAnnouncement.class);
        try (TopologyTestDriver driver = new TopologyTestDriver(
                ReleaseWatchTopology.build(
                        config, 1, 1, SectionClassifier.defaults(), new TopologyMetrics(new SimpleMeterRegistry())),
                props,
                Instant.parse("2026-01-01T00:00:00Z"))) {
            TestInputTopic<String, byte[]> input = driver.createInputTopic(
                    config.topics().input(),
                    new StringSerializer(),
                    Serdes.ByteArray().serializer());
            TestOutputTopic<String, Alert> alerts = driver.createOutputTopic(
                    config.topics().alerts(),
                    Serdes.String().deserializer(),
                    AvroSerde.of(Alert.class).deserializer());
            for (ReleaseAnnouncement a : events) {
                input.pipeInput(FeedPublisher.key(a), serde.encode(a));
            }
            input.pipeInput(
                    (String) null,
                    serde.encode(ReleaseAnnouncement.newBuilder()
                            .setKind(EventKind.HEARTBEAT)
                            .setName("")
                            .setTime(finalHeartbeat)
                            .setSource("faults")
                            .build()));
            return alerts.readValuesToList();
        }
    }
}
