package dev.releasewatch.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasewatch.app.MonitorRuntime;
import dev.releasewatch.app.ReplaySession;
import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertState;
import dev.releasewatch.avro.DeadLetter;
import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.WindowCount;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.feed.SectionClassifier;
import dev.releasewatch.feed.synth.FactorCurve;
import dev.releasewatch.feed.synth.FeedEffect;
import dev.releasewatch.feed.synth.FeedSettings;
import dev.releasewatch.feed.synth.SyntheticFeed;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serde.format=registry} end to end against a real Apicurio Registry (started from its Maven Central
 * distribution, in-memory storage) and a real broker: a standard producer writes the input with Apicurio's Avro
 * serializer in Confluent-compatible mode, the real topology counts it exactly and writes alerts and counts in the
 * registry wire format; a consumer with the registry deserializer reads them, every record's 4-byte id resolves
 * through the registry's Confluent-compatible API to the writer's schema (the way {@code kafka-avro-console-consumer}
 * reads it), the three subjects are BACKWARD compatible and refuse a breaking schema, and the two input records that
 * are no announcement (an unknown schema id, bytes in neither framing) are dead-lettered with their reason.
 */
@Tag("registry")
@Timeout(600)
class RegistryFormatIT extends RealBrokerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ApicurioRegistry registry;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = ApicurioRegistry.start();
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void shouldCountRegistryFramedInputAndWriteAlertsAndCountsThatRegistryClientsDecode() throws Exception {
        AppConfig config = config("registry-it")
                .set("topic.partitions", "2")
                .set("serde.format", "registry")
                .set("schema.registry.url", registry.registryApi())
                .load();
        LocalDate drop = LocalDate.of(2020, 7, 1);
        SyntheticFeed feed = new SyntheticFeed(FeedSettings.normal(
                        LocalDate.of(2020, 6, 1), LocalDate.of(2020, 7, 2), 7)
                .withVolume(0.5)
                .withEffects(List.of(
                        new FeedEffect.ScaleSection(
                                "XXX", FactorCurve.builder().stepAt(drop, 0.3).build()),
                        new FeedEffect.ScaleSection(
                                "X264", FactorCurve.builder().stepAt(drop, 0.3).build()))));
        List<Alert> seenByMonitor = new CopyOnWriteArrayList<>();
        long target;
        try (MonitorRuntime runtime =
                MonitorRuntime.start(config, SectionClassifier.defaults(), List.of(seenByMonitor::add))) {
            long maxEvent = produce(config, feed);
            // the heartbeat closes the last event's hour (plus the grace); the last whole day before it is final
            long watermark =
                    Instant.ofEpochMilli(maxEvent).truncatedTo(ChronoUnit.HOURS).toEpochMilli() + 3_600_000L;
            long dayEnd = Instant.ofEpochMilli(maxEvent)
                    .truncatedTo(ChronoUnit.DAYS)
                    .plus(1, ChronoUnit.DAYS)
                    .toEpochMilli();
            target = dayEnd <= watermark ? dayEnd : dayEnd - 86_400_000L;
            assertThat(runtime.alertReader().awaitFinal(target, Duration.ofMinutes(6)))
                    .isTrue();
            assertThat(ReplaySession.eventCount(runtime, "dead_letter")).isEqualTo(2);
        }

        Map<String, List<byte[]>> topics = readAll(config);

        // counts: registry wire format, decoded by the registry deserializer; exact daily totals
        Map<LocalDate, Long> totals = new TreeMap<>();
        try (AvroKafkaDeserializer<WindowCount> counts = deserializer()) {
            for (byte[] value : topics.get(config.topics().counts())) {
                WindowCount c = counts.deserialize(config.topics().counts(), value);
                if (c.getScope() == Scope.TOTAL && c.getGranularity() == Granularity.DAY) {
                    totals.put(LocalDate.ofInstant(c.getWindowStart(), ZoneOffset.UTC), c.getCount());
                }
            }
        }
        Map<LocalDate, Long> expected = new TreeMap<>();
        feed.dailyTotals().forEach((day, n) -> {
            if (day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() <= target) {
                expected.put(day, n.longValue());
            }
        });
        assertThat(expected).hasSizeGreaterThan(25);
        assertThat(totals).isEqualTo(expected);

        // alerts: the same alerts the monitor read back, FIRING for both dropped sections
        List<Alert> alerts = new ArrayList<>();
        try (AvroKafkaDeserializer<Alert> reader = deserializer()) {
            for (byte[] value : topics.get(config.topics().alerts())) {
                alerts.add(reader.deserialize(config.topics().alerts(), value));
            }
        }
        assertThat(alerts).isEqualTo(seenByMonitor);
        assertThat(alerts)
                .filteredOn(a -> a.getState() == AlertState.FIRING)
                .extracting(Alert::getSubject)
                .contains("XXX", "X264");

        // every record: magic byte 0, a 4-byte id that the Confluent-compatible API resolves to the writer's schema
        assertConfluentReadable(topics.get(config.topics().counts()), "WindowCount", "count");
        assertConfluentReadable(topics.get(config.topics().alerts()), "Alert", "subject");

        // subjects per topic, BACKWARD compatibility, a breaking change refused
        for (String topic : List.of(
                config.topics().input(),
                config.topics().alerts(),
                config.topics().counts())) {
            JsonNode level = get("/config/" + topic + "-value");
            assertThat(level.get("compatibilityLevel").asText()).as(topic).isEqualTo("BACKWARD");
        }
        String breaking = "{\"type\":\"record\",\"name\":\"Alert\",\"namespace\":\"dev.releasewatch.avro\","
                + "\"fields\":[{\"name\":\"mandatory\",\"type\":\"string\"}]}";
        HttpResponse<String> refused = HTTP.send(
                HttpRequest.newBuilder(URI.create(registry.confluentApi() + "/subjects/"
                                + config.topics().alerts() + "-value/versions"))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("schema", breaking))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);

        // the two records that are no announcement, dead-lettered with the reason
        AvroSerde<DeadLetter> deadLetters = AvroSerde.of(DeadLetter.class);
        List<String> reasons = new ArrayList<>();
        for (byte[] value : topics.get(config.topics().deadLetters())) {
            reasons.add(deadLetters.decode(value).getReason());
        }
        assertThat(reasons).hasSize(2);
        assertThat(reasons).anyMatch(r -> r.startsWith("not a ReleaseAnnouncement in the schema-registry format: "));
        assertThat(reasons)
                .anyMatch(r -> r.startsWith("not a ReleaseAnnouncement in the schema-registry format (first byte 0)"
                        + " nor in Avro single-object encoding"));
    }

    /** Publishes the feed as a standard producer with Apicurio's serializer would; returns the last event time. */
    private static long produce(AppConfig config, SyntheticFeed feed) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        String input = config.topics().input();
        long maxEvent = Long.MIN_VALUE;
        try (KafkaProducer<String, byte[]> producer =
                        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
                AvroKafkaSerializer<ReleaseAnnouncement> serializer = new AvroKafkaSerializer<>()) {
            serializer.configure(apicurio(), false);
            Serializer<ReleaseAnnouncement> values = serializer;
            byte[] unknownId = ByteBuffer.allocate(9)
                    .put((byte) 0)
                    .putInt(0x7ffffff0)
                    .putInt(42)
                    .array();
            producer.send(new ProducerRecord<>(input, 0, "unknown-id", unknownId));
            producer.send(
                    new ProducerRecord<>(input, 0, "neither", "{\"name\":\"json\"}".getBytes(StandardCharsets.UTF_8)));
            for (ReleaseAnnouncement a : feed) {
                producer.send(
                        new ProducerRecord<>(input, a.getName().toLowerCase(Locale.ROOT), values.serialize(input, a)));
                maxEvent = Math.max(maxEvent, a.getTime().toEpochMilli());
            }
            long end =
                    Instant.ofEpochMilli(maxEvent).truncatedTo(ChronoUnit.HOURS).toEpochMilli()
                            + 3_600_000L
                            + config.grace().toMillis();
            ReleaseAnnouncement heartbeat = ReleaseAnnouncement.newBuilder()
                    .setKind(EventKind.HEARTBEAT)
                    .setName("")
                    .setTime(Instant.ofEpochMilli(end))
                    .setSource("registry-it")
                    .build();
            for (PartitionInfo partition : producer.partitionsFor(input)) {
                producer.send(
                        new ProducerRecord<>(input, partition.partition(), null, values.serialize(input, heartbeat)));
            }
            producer.flush();
        }
        return maxEvent;
    }

    /** The settings of a standard Apicurio producer or consumer writing what Confluent-compatible tools read. */
    private static Map<String, Object> apicurio() {
        Map<String, Object> c = new HashMap<>();
        c.put("apicurio.registry.url", registry.registryApi());
        c.put("apicurio.registry.id-handler", "io.apicurio.registry.serde.Legacy4ByteIdHandler");
        c.put("apicurio.registry.use-id", "contentId");
        c.put("apicurio.registry.headers.enabled", false);
        c.put("apicurio.registry.auto-register", true);
        c.put("apicurio.registry.use-specific-avro-reader", true);
        return c;
    }

    private static <T> AvroKafkaDeserializer<T> deserializer() {
        AvroKafkaDeserializer<T> d = new AvroKafkaDeserializer<>();
        d.configure(apicurio(), false);
        return d;
    }

    /** Reads the counts, alerts and dead-letters topics to their ends (read_committed). */
    private static Map<String, List<byte[]>> readAll(AppConfig config) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, List<byte[]>> out = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(
                    config.topics().counts(),
                    config.topics().alerts(),
                    config.topics().deadLetters())) {
                out.put(topic, new ArrayList<>());
                for (PartitionInfo info : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    out.get(r.topic()).add(r.value());
                }
            }
        }
        return out;
    }

    /**
     * Decodes each record as a Confluent-compatible client does: byte 0 must be 0, bytes 1-4 the schema id, which the
     * registry's Confluent-compatible API turns into the writer's schema; the rest is the binary datum.
     */
    private static void assertConfluentReadable(List<byte[]> values, String recordName, String field)
            throws IOException, InterruptedException {
        assertThat(values).isNotEmpty();
        Map<Integer, Schema> schemas = new HashMap<>();
        for (byte[] value : values) {
            ByteBuffer buffer = ByteBuffer.wrap(value);
            assertThat(buffer.get()).isZero();
            int id = buffer.getInt();
            Schema schema = schemas.get(id);
            if (schema == null) {
                schema = new Schema.Parser()
                        .parse(get("/schemas/ids/" + id).get("schema").asText());
                schemas.put(id, schema);
            }
            GenericRecord record = new GenericDatumReader<GenericRecord>(schema)
                    .read(null, DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
            assertThat(record.getSchema().getName()).isEqualTo(recordName);
            assertThat(record.get(field)).isNotNull();
        }
        assertThat(schemas).hasSize(1);
    }

    private static JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(registry.confluentApi() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
