package dev.releasewatch.produce.poll;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpServer;
import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.config.ConfigLoader;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.kafka.EmbeddedKafkaBroker;
import dev.releasewatch.produce.TopicContents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A poller against a local predb-style API whose page changes between polls, restarted in the middle (new instance,
 * same id) after a crashed instance left a transaction open: every release reaches the topic exactly once, in
 * order, and the crashed instance's records never become visible.
 */
@Timeout(180)
class ReleasePollerIT {

    private static final String INPUT = "poll-it-in";
    private static final String CURSORS = "poll-it-cursors";
    private static final Instant BASE = Instant.parse("2020-08-19T13:00:00Z");

    private static EmbeddedKafkaBroker broker;
    private static ClientProperties clients;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        clients = new ClientProperties(new ConfigLoader()
                .set("bootstrap.servers", broker.bootstrapServers())
                .load());
        try (Admin admin = Admin.create(clients.admin())) {
            admin.createTopics(List.of(new NewTopic(INPUT, Optional.of(1), Optional.empty())))
                    .all()
                    .get();
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldPublishEveryReleaseExactlyOnceAndInOrderAcrossARestart() throws Exception {
        List<String> names = IntStream.range(0, 12)
                .mapToObj(i -> "Release." + i + ".2020.1080p.WEB.h264-GRP" + i)
                .toList();
        AtomicReference<String> page = new AtomicReference<>();
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/api/v1", exchange -> {
            try (exchange) {
                byte[] body = page.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        api.start();
        PollerSettings settings = new PollerSettings(
                "predb-it",
                URI.create("http://127.0.0.1:" + api.getAddress().getPort() + "/api/v1"),
                Duration.ofSeconds(1),
                FieldMapping.of("data.rows", "name", "cat", "preAt"),
                CURSORS,
                HeartbeatClock.AUTO,
                Duration.ofHours(6),
                Duration.ofSeconds(10),
                1 << 20);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KafkaProducer<String, byte[]> zombie = null;
        try {
            try (ReleasePoller a = poller(settings, registry)) {
                assertThat(a.cursor()).isEqualTo(PollCursor.empty());
                page.set(page(names, "", 3, 2, 1, 0));
                assertThat(published(a)).containsExactly(names.get(0), names.get(1), names.get(2), names.get(3));
                // release 6 has the same second as release 5 but reaches the API one poll later
                page.set(page(names, "", 5, 4, 3, 2));
                assertThat(published(a)).containsExactly(names.get(4), names.get(5));
            }

            // a crashed instance with the same id, stopped in the middle of a transaction
            Properties p = clients.producer("zombie");
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
            zombie = new KafkaProducer<>(p);
            zombie.initTransactions();
            zombie.beginTransaction();
            zombie.send(new ProducerRecord<>(
                    INPUT,
                    "zombie-x",
                    AvroSerde.of(ReleaseAnnouncement.class)
                            .encode(new ReleaseAnnouncement(
                                    EventKind.RELEASE, "ZOMBIE-X", null, BASE, "poll:predb-it", null))));
            zombie.send(new ProducerRecord<>(
                    CURSORS, settings.pollerId(), new PollCursor(BASE.plusSeconds(3600), Set.of()).toJson()));
            zombie.flush();

            try (ReleasePoller b = poller(settings, registry)) {
                assertThat(b.cursor()).isEqualTo(new PollCursor(time(5), Set.of(key(names, 5))));
                page.set(page(names, "", 6, 5, 4, 3));
                assertThat(published(b)).containsExactly(names.get(6));
                page.set(page(names, "", 9, 8, 7, 6));
                assertThat(published(b)).containsExactly(names.get(7), names.get(8), names.get(9));
                page.set(page(names, "{\"name\": 42, \"preAt\": 1}, ", 11, 10, 9, 8));
                assertThat(published(b)).containsExactly(names.get(10), names.get(11));
                assertThat(published(b)).isEmpty();
            }
        } finally {
            api.stop(0);
            if (zombie != null) {
                zombie.close(Duration.ZERO);
            }
        }

        AvroSerde<ReleaseAnnouncement> serde = AvroSerde.of(ReleaseAnnouncement.class);
        List<String> releases = new ArrayList<>();
        List<Instant> heartbeats = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : TopicContents.read(clients, INPUT)) {
            ReleaseAnnouncement a = serde.decode(r.value());
            if (a.getKind() == EventKind.HEARTBEAT) {
                heartbeats.add(a.getTime());
            } else {
                releases.add(a.getName());
                assertThat(a.getSource()).isEqualTo("poll:predb-it");
                assertThat(a.getSection()).isEqualTo("WEB");
            }
        }
        assertThat(releases).containsExactlyElementsOf(names);
        // 2020 items are far older than the live lag: heartbeats carry the newest item time, one per poll
        assertThat(heartbeats).containsExactly(time(3), time(5), time(6), time(9), time(11), time(11));
        List<ConsumerRecord<String, byte[]>> cursors = TopicContents.read(clients, CURSORS);
        assertThat(PollCursor.fromJson(cursors.get(cursors.size() - 1).value()))
                .isEqualTo(new PollCursor(time(11), Set.of(key(names, 11))));
        assertThat(registry.counter(PollMetrics.RECORDS, "outcome", "published").count())
                .isEqualTo(12);
        // the junk item stays on the last page, which is polled twice
        assertThat(registry.counter(PollMetrics.RECORDS, "outcome", "rejected").count())
                .isEqualTo(2);
        assertThat(registry.counter(PollMetrics.POLLS, "outcome", "ok").count()).isEqualTo(6);
    }

    private static ReleasePoller poller(PollerSettings settings, SimpleMeterRegistry registry) {
        return new ReleasePoller(settings, clients, INPUT, (short) -1, new PollMetrics(registry), Clock.systemUTC());
    }

    private static List<String> published(ReleasePoller poller) throws PollFailedException {
        return poller.pollOnce().stream().map(ReleaseAnnouncement::getName).toList();
    }

    /** Release i's time: 10 s apart, except that 6 shares 5's second. */
    private static Instant time(int i) {
        return BASE.plusSeconds(10L * (i == 6 ? 5 : i));
    }

    private static String key(List<String> names, int i) {
        return names.get(i).toLowerCase(Locale.ROOT);
    }

    /** A predb-style response listing the given releases, newest first. */
    private static String page(List<String> names, String junk, int... indexes) {
        StringBuilder b = new StringBuilder("{\"status\": \"success\", \"data\": {\"rows\": [").append(junk);
        for (int k = 0; k < indexes.length; k++) {
            int i = indexes[k];
            b.append(k == 0 ? "" : ", ")
                    .append("{\"name\": \"")
                    .append(names.get(i))
                    .append("\", \"cat\": \"WEB\", \"preAt\": ")
                    .append(time(i).getEpochSecond())
                    .append('}');
        }
        return b.append("]}}").toString();
    }
}
