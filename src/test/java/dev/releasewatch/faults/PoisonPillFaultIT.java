package dev.releasewatch.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.releasewatch.avro.DeadLetter;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.feed.synth.FeedSettings;
import dev.releasewatch.feed.synth.SyntheticFeed;
import dev.releasewatch.produce.FeedPublisher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault (d): poison pills (bytes that are no announcement, announcements with an empty name or a time before 2000)
 * interleaved with a feed published as fast as the producer goes, on two instances. Nothing stalls or dies: both
 * instances stay up and healthy, every pill is dead-lettered exactly once with its reason and original offset, and
 * the good records are counted exactly with the alerts of a fault-free run of them.
 */
@Tag("faults")
@Timeout(900)
class PoisonPillFaultIT {

    static final LocalDate FROM = LocalDate.of(2020, 6, 1);
    static final LocalDate TO = LocalDate.of(2020, 7, 15);
    static final int PILL_EVERY = 997;

    @Test
    void shouldDeadLetterEveryPillAndCountTheRestExactlyWithoutStalling() throws Exception {
        List<ReleaseAnnouncement> events =
                new SyntheticFeed(FeedSettings.normal(FROM, TO, 40)).stream().toList();
        Instant end = TO.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant heartbeat = end.plus(Duration.ofHours(1));
        AvroSerde<ReleaseAnnouncement> serde = AvroSerde.of(ReleaseAnnouncement.class);
        try (FaultRig rig = FaultRig.start("poison", 4)) {
            MonitorProcess a = rig.instance("a");
            MonitorProcess b = rig.instance("b");
            GroundTruth truth = new GroundTruth();
            String input = rig.config.topics().input();
            int pills = 0;
            long t0 = System.nanoTime();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(rig.clients.producer("poison-feed"))) {
                for (int i = 0; i < events.size(); i++) {
                    ReleaseAnnouncement good = events.get(i);
                    truth.add(good);
                    producer.send(new ProducerRecord<>(input, FeedPublisher.key(good), serde.encode(good)));
                    if (i % PILL_EVERY == 0) {
                        producer.send(pill(pills++, good, serde, input));
                    }
                }
                producer.flush();
            }
            try (FeedPublisher publisher = new FeedPublisher(rig.clients, input, "poison-feed")) {
                publisher.heartbeat(heartbeat, "poison-feed");
                publisher.flush();
            }
            Timings.log("poison", "published " + events.size() + " events and " + pills + " pills", t0);
            try (CommittedOutput out = rig.output()) {
                out.awaitDaysThrough(end, Duration.ofMinutes(8));
                Timings.log("poison", "all days counted", t0);
                assertThat(a.alive() && b.alive())
                        .as("both instances survive the pills")
                        .isTrue();
                assertThat(a.health().status()).isEqualTo(200);
                assertThat(b.health().status()).isEqualTo(200);
                List<DeadLetter> dead = deadLetters(rig, pills);
                Set<String> where = new HashSet<>();
                dead.forEach(d -> where.add(d.getPartition() + "@" + d.getOffset()));
                assertThat(where).as("each pill dead-lettered once").hasSize(pills);
                assertThat(dead).allSatisfy(d -> assertThat(d.getReasonCode()).isIn("MALFORMED", "INVALID"));
                FaultRig.assertExactDailyCounts(out, truth);
                FaultRig.assertSameAlerts(out.alertLog, ReferenceRun.alerts(rig.settings, events, heartbeat));
            }
        }
    }

    /** Three kinds in turn: undecodable bytes, an empty name, a time before the configured minimum. */
    private static ProducerRecord<String, byte[]> pill(
            int n, ReleaseAnnouncement near, AvroSerde<ReleaseAnnouncement> serde, String topic) {
        String key = "pill-" + n;
        return switch (n % 3) {
            case 0 -> new ProducerRecord<>(topic, key, ("not an announcement " + n).getBytes(StandardCharsets.UTF_8));
            case 1 ->
                new ProducerRecord<>(
                        topic,
                        key,
                        serde.encode(ReleaseAnnouncement.newBuilder(near)
                                .setName("")
                                .setSource("pill")
                                .build()));
            default ->
                new ProducerRecord<>(
                        topic,
                        key,
                        serde.encode(ReleaseAnnouncement.newBuilder(near)
                                .setName("Pill." + n + ".1999-POISON")
                                .setTime(Instant.parse("1999-01-01T00:00:00Z"))
                                .setSource("pill")
                                .build()));
        };
    }

    /** Reads the dead-letter topic (read_committed) until {@code expected} letters are there, then to its end. */
    private static List<DeadLetter> deadLetters(FaultRig rig, int expected) throws IOException {
        AvroSerde<DeadLetter> serde = AvroSerde.of(DeadLetter.class);
        List<DeadLetter> out = new ArrayList<>();
        String topic = rig.config.topics().deadLetters();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(rig.clients.consumer("poison-dead"))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(serde.decode(r.value()));
                }
                var ends = consumer.endOffsets(partitions);
                boolean atEnd = partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
                if (atEnd && out.size() >= expected) {
                    break;
                }
            }
        }
        return out;
    }
}
