package dev.releasewatch.topology;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.DeadLetter;
import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.WindowCount;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.config.ConfigLoader;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.feed.SectionClassifier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** A TopologyTestDriver around the real topology, with helpers to send announcements and read results. */
final class TopologyFixture implements AutoCloseable {

    static final Instant WALL_CLOCK = Instant.parse("2026-01-01T00:00:00Z");

    final AppConfig config;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> input;
    final TestOutputTopic<String, WindowCount> counts;
    final TestOutputTopic<String, Alert> alerts;
    final TestOutputTopic<byte[], DeadLetter> deadLetters;
    private final AvroSerde<ReleaseAnnouncement> serde = AvroSerde.of(ReleaseAnnouncement.class);

    TopologyFixture(Map<String, String> settings) {
        this.config = new ConfigLoader()
                .overrides(settings)
                .set("bootstrap.servers", "unused:9092")
                .load();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(
                StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/rw-ttd-" + System.nanoTime());
        driver = new TopologyTestDriver(
                ReleaseWatchTopology.build(config, 1, SectionClassifier.defaults(), new TopologyMetrics(registry)),
                props,
                WALL_CLOCK);
        input = driver.createInputTopic(config.topics().input(), new ByteArraySerializer(), new ByteArraySerializer());
        counts = driver.createOutputTopic(
                config.topics().counts(),
                Serdes.String().deserializer(),
                AvroSerde.of(WindowCount.class).deserializer());
        alerts = driver.createOutputTopic(
                config.topics().alerts(),
                Serdes.String().deserializer(),
                AvroSerde.of(Alert.class).deserializer());
        deadLetters = driver.createOutputTopic(
                config.topics().deadLetters(),
                Serdes.ByteArray().deserializer(),
                AvroSerde.of(DeadLetter.class).deserializer());
    }

    TopologyFixture() {
        this(Map.of());
    }

    void release(String name, String section, String time) {
        release(name, section, time, "test");
    }

    void release(String name, String section, String time, String source) {
        send(ReleaseAnnouncement.newBuilder()
                .setName(name)
                .setSection(section)
                .setTime(Instant.parse(time))
                .setSource(source)
                .build());
    }

    void nuke(EventKind kind, String name, String time, String source) {
        send(ReleaseAnnouncement.newBuilder()
                .setKind(kind)
                .setName(name)
                .setTime(Instant.parse(time))
                .setSource(source)
                .setReason("test")
                .build());
    }

    /** Final counts read so far, whole records, keyed like {@link #readCounts()}. */
    Map<String, WindowCount> readCountRecords() {
        Map<String, WindowCount> out = new HashMap<>();
        for (WindowCount c : counts.readValuesToList()) {
            out.put(key(c.getScope(), c.getGranularity(), c.getSubject(), c.getWindowStart()), c);
        }
        return out;
    }

    void heartbeat(String time) {
        send(ReleaseAnnouncement.newBuilder()
                .setKind(EventKind.HEARTBEAT)
                .setName("")
                .setTime(Instant.parse(time))
                .build());
    }

    void send(ReleaseAnnouncement a) {
        input.pipeInput(a.getName().toLowerCase(Locale.ROOT).getBytes(), serde.encode(a));
    }

    /** Sends with a Kafka record timestamp: the broker's LogAppendTime, i.e. when the record arrived. */
    void sendAt(ReleaseAnnouncement a, Instant arrival) {
        input.pipeInput(a.getName().toLowerCase(Locale.ROOT).getBytes(), serde.encode(a), arrival);
    }

    double gauge(String name, String tag, String value) {
        var g = registry.find(name).tag(tag, value).gauge();
        return g == null ? Double.NaN : g.value();
    }

    /** Final counts read so far, keyed "SCOPE/GRANULARITY/subject@windowStart". */
    Map<String, Long> readCounts() {
        Map<String, Long> out = new HashMap<>();
        for (WindowCount c : counts.readValuesToList()) {
            out.put(key(c.getScope(), c.getGranularity(), c.getSubject(), c.getWindowStart()), c.getCount());
        }
        return out;
    }

    static String key(Scope scope, Granularity g, String subject, Instant start) {
        return scope + "/" + g + "/" + subject + "@" + start;
    }

    static String day(Scope scope, String subject, String date) {
        return key(scope, Granularity.DAY, subject, Instant.parse(date + "T00:00:00Z"));
    }

    List<DeadLetter> readDeadLetters() {
        return deadLetters.readValuesToList();
    }

    double counter(String name, String tag, String value) {
        var c = registry.find(name).tag(tag, value).counter();
        return c == null ? 0 : c.count();
    }

    @Override
    public void close() {
        driver.close();
    }
}
