package dev.releasewatch.it;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.releasewatch.app.MonitorRuntime;
import dev.releasewatch.app.ReplaySession;
import dev.releasewatch.avro.Alert;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.feed.SectionClassifier;
import dev.releasewatch.feed.synth.FactorCurve;
import dev.releasewatch.feed.synth.FeedEffect;
import dev.releasewatch.feed.synth.FeedSettings;
import dev.releasewatch.feed.synth.SyntheticFeed;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's recipe for reading the alerts topic without the monitor's code ("Reading the topics with standard
 * tools"), step by step in plain Avro on records the real topology wrote on a real broker: read the topic
 * read_committed from the beginning, parse {@code schemas/Scope.avsc}, {@code schemas/Granularity.avsc} and then
 * {@code schemas/Alert.avsc}, skip each value's 10-byte header ({@code C3 01} and the schema's 8-byte fingerprint)
 * and decode the rest with a {@link GenericDatumReader}. Every alert decodes this way to what the monitor's own decoder
 * reads from the same bytes, field for field (every alert the monitor printed is among them), and the header's
 * fingerprint is that of {@code schemas/Alert.avsc}: the file is the writer's schema.
 */
@Timeout(420)
class AlertTopicRecipeIT extends RealBrokerTest {

    @Test
    void shouldDecodeEveryAlertBySkippingTheTenByteHeaderAndReadingWithTheSchemaFile() throws Exception {
        AppConfig config = config("recipe-it").set("topic.partitions", "2").load();
        LocalDate drop = LocalDate.of(2020, 7, 1);
        FeedSettings settings = FeedSettings.normal(LocalDate.of(2020, 6, 1), LocalDate.of(2020, 7, 2), 7)
                .withVolume(0.5)
                .withEffects(List.of(
                        new FeedEffect.ScaleSection(
                                "XXX", FactorCurve.builder().stepAt(drop, 0.3).build()),
                        new FeedEffect.ScaleSection(
                                "X264", FactorCurve.builder().stepAt(drop, 0.3).build())));
        List<Alert> monitor = new CopyOnWriteArrayList<>();
        try (MonitorRuntime runtime =
                MonitorRuntime.start(config, SectionClassifier.defaults(), List.of(monitor::add))) {
            ReplaySession.Result replay = ReplaySession.replay(
                    runtime, new SyntheticFeed(settings).iterator(), "recipe-it", null, Duration.ofMinutes(4));
            assertThat(replay.completed()).isTrue();
        }
        assertThat(monitor).extracting(Alert::getSubject).contains("XXX", "X264");
        AvroSerde<Alert> monitorDecoder = AvroSerde.of(Alert.class);

        // the recipe: the schema files in dependency order, then the alerts schema
        Schema.Parser parser = new Schema.Parser();
        parser.parse(Path.of("schemas", "Scope.avsc").toFile());
        parser.parse(Path.of("schemas", "Granularity.avsc").toFile());
        Schema alertSchema = parser.parse(Path.of("schemas", "Alert.avsc").toFile());
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(alertSchema);
        List<GenericRecord> decoded = new ArrayList<>();
        List<Alert> reference = new ArrayList<>();
        for (byte[] value : readAlertsTopic(config)) {
            reference.add(monitorDecoder.decode(value));
            ByteBuffer header = ByteBuffer.wrap(value, 0, 10).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(header.get()).isEqualTo((byte) 0xC3);
            assertThat(header.get()).isEqualTo((byte) 0x01);
            assertThat(header.getLong()).isEqualTo(SchemaNormalization.parsingFingerprint64(alertSchema));
            decoded.add(reader.read(null, DecoderFactory.get().binaryDecoder(value, 10, value.length - 10, null)));
        }

        assertThat(decoded).hasSizeGreaterThanOrEqualTo(monitor.size());
        assertThat(reference).containsAll(monitor);
        for (int i = 0; i < decoded.size(); i++) {
            GenericRecord plain = decoded.get(i);
            Alert alert = reference.get(i);
            assertThat(plain.get("alertId").toString()).isEqualTo(alert.getAlertId());
            assertThat(plain.get("state").toString()).isEqualTo(alert.getState().name());
            assertThat(plain.get("scope").toString()).isEqualTo(alert.getScope().name());
            assertThat(plain.get("subject").toString()).isEqualTo(alert.getSubject());
            assertThat(plain.get("windowStart"))
                    .isEqualTo(alert.getWindowStart().toEpochMilli());
            assertThat(plain.get("observed")).isEqualTo(alert.getObserved());
            assertThat(plain.get("summary").toString()).isEqualTo(alert.getSummary());
        }
    }

    /** Every value of the alerts topic, read_committed, from the beginning, in partition order (one partition). */
    private static List<byte[]> readAlertsTopic(AppConfig config) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(config.topics().alerts())) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
