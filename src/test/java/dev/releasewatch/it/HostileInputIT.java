package dev.releasewatch.it;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import dev.releasewatch.app.MonitorRuntime;
import dev.releasewatch.app.ReplaySession;
import dev.releasewatch.avro.DeadLetter;
import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.WindowCount;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.feed.SectionClassifier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input on the topic itself: more than 10,000 records mixing good releases, repeats from another
 * source, raw random bytes, truncated and foreign Avro, invalid UTF-8, empty and 1 MB names, absurd and
 * negative times, unknown sections. Afterwards every record is accounted for exactly (counted +
 * duplicates + dead letters = input), the dead letters keep the original bytes with the reason, source
 * and offset, and the monitor is still running.
 */
@Timeout(300)
class HostileInputIT extends RealBrokerTest {

    @Test
    void shouldAccountForEveryHostileRecordAndKeepRunning() throws Exception {
        AppConfig config = config("hostile").set("topic.partitions", "3").load();
        AvroSerde<ReleaseAnnouncement> serde = AvroSerde.of(ReleaseAnnouncement.class);
        Random random = new Random(5);
        List<byte[][]> records = new ArrayList<>();
        Map<String, Integer> expectedDead = new HashMap<>();
        long good = 0;
        long duplicates = 0;
        Instant base = Instant.parse("2020-08-10T00:00:00Z");
        // starts at 19 so that the first repeat (i = 30) refers to a generated good release (i - 7 = 23)
        for (int i = 19; i < 12_019; i++) {
            Instant t = base.plusSeconds(i * 30L);
            int kind = i % 12;
            String name = "Hostile.Release." + i + ".2020.1080p.WEB.x264-GRP" + (i % 17);
            switch (kind) {
                case 0 -> { // raw random bytes
                    byte[] junk = new byte[1 + random.nextInt(300)];
                    random.nextBytes(junk);
                    records.add(new byte[][] {("junk" + i).getBytes(StandardCharsets.UTF_8), junk});
                    expectedDead.merge("MALFORMED", 1, Integer::sum);
                }
                case 1 -> { // truncated Avro
                    byte[] full = serde.encode(announce(name, "X264", t, "mirror-a"));
                    records.add(new byte[][] {key(name), Arrays.copyOf(full, full.length / 2)});
                    expectedDead.merge("MALFORMED", 1, Integer::sum);
                }
                case 2 -> { // Avro of another type: its fingerprint does not match
                    WindowCount foreign =
                            new WindowCount(Scope.TOTAL, "*", Granularity.DAY, t, t, 5L, null, 0L, 0L, null, null);
                    records.add(new byte[][] {
                        key(name), AvroSerde.of(WindowCount.class).encode(foreign)
                    });
                    expectedDead.merge("MALFORMED", 1, Integer::sum);
                }
                case 3 -> { // a JSON line sent where Avro is expected
                    records.add(new byte[][] {
                        key(name),
                        ("{\"name\": \"" + name + "\", \"section\": \"X264\"").getBytes(StandardCharsets.UTF_8)
                    });
                    expectedDead.merge("MALFORMED", 1, Integer::sum);
                }
                case 4 -> { // absurd times
                    Instant absurd = switch (i % 3) {
                        case 0 -> Instant.parse("1970-01-01T00:00:00Z");
                        case 1 -> Instant.parse("2100-01-01T00:00:00Z");
                        default -> Instant.ofEpochSecond(-86_400L * (1 + random.nextInt(10_000)));
                    };
                    records.add(new byte[][] {key(name), serde.encode(announce(name, "X264", absurd, "mirror-a"))});
                    expectedDead.merge("INVALID", 1, Integer::sum);
                }
                case 5 -> { // empty or 1 MB name, or invalid UTF-8 inside a valid Avro string
                    byte[] value;
                    if (i % 3 == 0) {
                        value = serde.encode(announce("", "X264", t, "mirror-a"));
                    } else if (i % 3 == 1 && i < 600) {
                        value = serde.encode(announce("X".repeat(1 << 20), "X264", t, "mirror-a"));
                    } else {
                        value = withInvalidUtf8(serde.encode(announce("Bad@Utf8.Name-GRP" + i, "X264", t, "mirror-a")));
                    }
                    records.add(new byte[][] {key(name), value});
                    expectedDead.merge("INVALID", 1, Integer::sum);
                }
                case 6 -> { // a repeat of an earlier good release (kind 11) from another mirror, minutes later
                    String earlier = "Hostile.Release." + (i - 7) + ".2020.1080p.WEB.x264-GRP" + ((i - 7) % 17);
                    records.add(new byte[][] {
                        key(earlier), serde.encode(announce(earlier.toUpperCase(Locale.ROOT), "X264", t, "mirror-b"))
                    });
                    duplicates++;
                }
                default -> { // good, some with sections nobody has heard of
                    String section = kind == 7 ? "WEIRD-SECTION-" + (i % 5) : "X264";
                    records.add(new byte[][] {key(name), serde.encode(announce(name, section, t, "mirror-a"))});
                    good++;
                }
            }
        }
        assertThat(records.size()).isGreaterThanOrEqualTo(10_000);

        AtomicLong countedInWindows = new AtomicLong();
        try (MonitorRuntime runtime =
                MonitorRuntime.start(config, SectionClassifier.defaults(), List.of(), List.of(c -> {
                    if (c.getScope() == Scope.TOTAL && c.getGranularity() == Granularity.DAY) {
                        countedInWindows.addAndGet(c.getCount());
                    }
                }))) {
            Properties p = new Properties();
            p.putAll(runtime.clients().producer("hostile"));
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
                for (byte[][] r : records) {
                    producer.send(new ProducerRecord<>(config.topics().input(), r[0], r[1]));
                }
                Instant end = base.plusSeconds(12_019 * 30L).plus(Duration.ofDays(2));
                byte[] heartbeat = serde.encode(ReleaseAnnouncement.newBuilder()
                        .setKind(EventKind.HEARTBEAT)
                        .setName("")
                        .setTime(end)
                        .build());
                for (int partition = 0; partition < 3; partition++) {
                    producer.send(new ProducerRecord<>(config.topics().input(), partition, null, heartbeat));
                }
                producer.flush();
            }
            long lastDayEnd = Instant.parse("2020-08-15T00:00:00Z").toEpochMilli();
            assertThat(runtime.alertReader().awaitFinal(lastDayEnd, Duration.ofMinutes(3)))
                    .isTrue();

            long counted = ReplaySession.eventCount(runtime, "counted");
            long dup = ReplaySession.eventCount(runtime, "duplicate");
            long dead = ReplaySession.eventCount(runtime, "dead_letter");
            assertThat(counted).isEqualTo(good);
            assertThat(dup).isEqualTo(duplicates);
            assertThat(counted + dup + dead).isEqualTo(records.size());
            assertThat(countedInWindows.get()).isEqualTo(good);
            assertThat(runtime.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);

            List<DeadLetter> letters = readDeadLetters(runtime, config.topics().deadLetters(), (int) dead);
            Map<String, Integer> byCode = new HashMap<>();
            letters.forEach(d -> byCode.merge(d.getReasonCode(), 1, Integer::sum));
            assertThat(byCode).isEqualTo(expectedDead);
            for (DeadLetter d : letters) {
                assertThat(d.getReason()).isNotBlank();
                assertThat(d.getTopic()).isEqualTo(config.topics().input());
                assertThat(d.getOffset()).isGreaterThanOrEqualTo(0);
                byte[] original = records.stream()
                        .filter(r -> Arrays.equals(r[1], bytes(d.getValue())))
                        .findFirst()
                        .map(r -> r[1])
                        .orElse(null);
                assertThat(original)
                        .as("original bytes of dead letter at offset " + d.getOffset())
                        .isNotNull();
                if (d.getReasonCode().equals("INVALID")) {
                    assertThat(d.getSource()).isEqualTo("mirror-a");
                }
            }
        }
    }

    private static ReleaseAnnouncement announce(String name, String section, Instant t, String source) {
        return ReleaseAnnouncement.newBuilder()
                .setName(name)
                .setSection(section)
                .setTime(t)
                .setSource(source)
                .build();
    }

    private static byte[] key(String name) {
        return name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    }

    /** Replaces the '@' inside the encoded name with a byte that is never valid UTF-8. */
    private static byte[] withInvalidUtf8(byte[] encoded) {
        byte[] copy = encoded.clone();
        for (int i = 10; i < copy.length; i++) {
            if (copy[i] == '@') {
                copy[i] = (byte) 0xFF;
                return copy;
            }
        }
        throw new IllegalStateException("no marker");
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.duplicate().get(b);
        return b;
    }

    private static List<DeadLetter> readDeadLetters(MonitorRuntime runtime, String topic, int expected)
            throws Exception {
        AvroSerde<DeadLetter> serde = AvroSerde.of(DeadLetter.class);
        List<DeadLetter> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(runtime.clients().consumer("hostile-dead-reader"))) {
            List<TopicPartition> tps = consumer.partitionsFor(topic).stream()
                    .map(pi -> new TopicPartition(topic, pi.partition()))
                    .toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(serde.decode(r.value()));
                }
            }
        }
        assertThat(out).hasSize(expected);
        return out;
    }
}
