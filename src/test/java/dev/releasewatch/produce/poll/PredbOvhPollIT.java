package dev.releasewatch.produce.poll;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code predb-ovh} preset against a local API answering exactly in predb.ovh's documented v1 format: the
 * polling endpoint ({@code {"status","message","data":{"rows":[...]}}}) and the live WebSocket feed
 * ({@code {"action","row"}} frames, served by Java-WebSocket). An error envelope publishes nothing; nuke states
 * become one NUKE / UNNUKE event each; a release announced while the socket is down arrives through the catch-up
 * poll after the reconnect, and nothing arrives twice.
 */
@Timeout(180)
class PredbOvhPollIT {

    private static final Instant BASE = Instant.parse("2020-08-19T13:00:00Z");
    private static final AvroSerde<ReleaseAnnouncement> SERDE = AvroSerde.of(ReleaseAnnouncement.class);

    private static EmbeddedKafkaBroker broker;
    private static ClientProperties clients;

    private final AtomicReference<String> page = new AtomicReference<>();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer api;
    private LiveServer live;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        clients = new ClientProperties(new ConfigLoader()
                .set("bootstrap.servers", broker.bootstrapServers())
                .load());
        try (Admin admin = Admin.create(clients.admin())) {
            admin.createTopics(List.of(
                            new NewTopic("ovh-error", Optional.of(1), Optional.empty()),
                            new NewTopic("ovh-live", Optional.of(1), Optional.empty())))
                    .all()
                    .get();
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void stopServers() throws Exception {
        if (api != null) {
            api.stop(0);
        }
        if (live != null) {
            live.stop(1000);
        }
    }

    private String startApi() throws Exception {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/api/v1", exchange -> {
            try (exchange) {
                requests.incrementAndGet();
                byte[] body = page.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        api.start();
        return "http://127.0.0.1:" + api.getAddress().getPort() + "/api/v1/?count=100";
    }

    private static PollerSettings settings(String id, String url, URI ws) {
        return new PollerSettings(
                id,
                URI.create(url),
                Duration.ofHours(1), // only the start-up poll and the catch-up polls happen in the test
                FieldMapping.of("data.rows", "name", "cat", "preAt"),
                "ovh-cursors",
                HeartbeatClock.AUTO,
                Duration.ofHours(6),
                Duration.ofSeconds(10),
                1 << 20,
                FeedDialect.PREDB_OVH,
                0,
                ws);
    }

    private static ReleasePoller poller(PollerSettings settings, String topic, SimpleMeterRegistry registry) {
        return new ReleasePoller(settings, clients, topic, (short) -1, new PollMetrics(registry), Clock.systemUTC());
    }

    @Test
    void anErrorEnvelopeWithHttp200IsAFailedPollThatPublishesNothing() throws Exception {
        String url = startApi();
        page.set("{\"status\": \"error\", \"message\": \"Too many requests, slow down\", \"data\": null}");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ReleasePoller p = poller(settings("ovh-error", url, null), "ovh-error", registry)) {
            assertThatThrownBy(p::pollOnce)
                    .isInstanceOf(PollFailedException.class)
                    .hasMessageContaining("Too many requests");
            assertThat(p.cursor()).isEqualTo(PollCursor.empty());
        }
        assertThat(TopicContents.read(clients, "ovh-error")).isEmpty();
    }

    @Test
    void liveRowsNukesAndACatchUpAfterADisconnectArriveExactlyOnce() throws Exception {
        String url = startApi();
        live = new LiveServer();
        live.start();
        assertThat(live.started.await(30, TimeUnit.SECONDS)).isTrue();
        URI ws = URI.create("ws://127.0.0.1:" + live.getPort() + "/api/v1/ws");
        page.set(envelope(row(1, "nuke", 100), row(0, null, 0)));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<String> events;
        try (ReleasePoller p = poller(settings("ovh-live", url, ws), "ovh-live", registry)) {
            Thread runner = new Thread(
                    () -> {
                        try {
                            p.run();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "poller");
            runner.start();
            live.connections.acquire(); // connected; the start-up poll published r0, r1 and r1's nuke
            awaitCount(registry, "published", 2);
            live.broadcast(frame("insert", row(2, null, 0)));
            awaitCount(registry, "published", 3);

            live.dropAll();
            // announced while the socket is down: only the polling endpoint has them; r1 is unnuked meanwhile
            page.set(envelope(
                    row(4, null, 0), row(3, null, 0), row(2, null, 0), row(1, "unnuke", 200), row(0, null, 0)));
            live.connections.acquire(); // reconnected: the catch-up poll follows
            awaitCount(registry, "published", 5);
            awaitCount(registry, "nukes", 2);

            live.broadcast(frame("insert", row(5, null, 0)));
            live.broadcast(frame("nuke", row(2, "nuke", 300)));
            live.broadcast(frame("modnuke", row(2, "modnuke", 400)));
            live.broadcast(frame("update", row(5, null, 0)));
            awaitCount(registry, "published", 6);
            awaitCount(registry, "nukes", 3);
            p.stop();
            runner.join(30_000);
            assertThat(runner.isAlive()).isFalse();
        }
        events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : TopicContents.read(clients, "ovh-live")) {
            ReleaseAnnouncement a = SERDE.decode(r.value());
            if (a.getKind() != EventKind.HEARTBEAT) {
                events.add(a.getKind() + " " + a.getName());
            }
        }
        assertThat(events)
                .containsExactly(
                        "RELEASE R0-GRP",
                        "RELEASE R1-GRP",
                        "NUKE R1-GRP",
                        "RELEASE R2-GRP",
                        "RELEASE R3-GRP",
                        "RELEASE R4-GRP",
                        "UNNUKE R1-GRP",
                        "RELEASE R5-GRP",
                        "NUKE R2-GRP");
        assertThat(registry.counter(PollMetrics.LIVE, "event", "connected").count())
                .isGreaterThanOrEqualTo(2);
    }

    private static void awaitCount(SimpleMeterRegistry registry, String outcome, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (registry.counter(PollMetrics.RECORDS, "outcome", outcome).count() < n) {
            assertThat(System.nanoTime() < deadline)
                    .as("%s reached %d", outcome, n)
                    .isTrue();
            Thread.sleep(20);
        }
        assertThat(registry.counter(PollMetrics.RECORDS, "outcome", outcome).count())
                .isEqualTo(n);
    }

    /** A row as predb.ovh documents it; release i is announced at BASE + 10 i s. */
    private static String row(int i, String nukeType, int nukeDelay) {
        long preAt = BASE.getEpochSecond() + 10L * i;
        String nuke = nukeType == null
                ? "null"
                : "{\"id\": " + (100 + i) + ", \"type\": \"" + nukeType + "\", \"reason\": \"dupe\", \"net\": "
                        + "\"LocalNet\", \"nukeAt\": " + (preAt + nukeDelay) + "}";
        return "{\"id\": " + i + ", \"name\": \"R" + i + "-GRP\", \"team\": \"GRP\", \"cat\": \"TV-HD\", "
                + "\"genre\": \"\", \"url\": \"\", \"size\": 0, \"files\": 0, \"preAt\": " + preAt
                + ", \"nuke\": " + nuke + "}";
    }

    private static String envelope(String... rows) {
        return "{\"status\": \"success\", \"message\": \"\", \"data\": {\"rowCount\": " + rows.length
                + ", \"rows\": [" + String.join(", ", rows) + "], \"offset\": 0, \"reqCount\": " + rows.length
                + ", \"total\": " + rows.length + ", \"time\": 0.001}}";
    }

    private static String frame(String action, String row) {
        return "{\"action\": \"" + action + "\", \"row\": " + row + "}";
    }

    /** The live feed: counts connections, sends frames to every client, drops them all on demand. */
    private static final class LiveServer extends WebSocketServer {

        final CountDownLatch started = new CountDownLatch(1);
        final Semaphore connections = new Semaphore(0);

        LiveServer() {
            super(new InetSocketAddress("127.0.0.1", 0));
            setReuseAddr(true);
        }

        void dropAll() {
            getConnections().forEach(c -> c.closeConnection(1001, "going away"));
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            connections.release();
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

        @Override
        public void onMessage(WebSocket conn, String message) {}

        @Override
        public void onError(WebSocket conn, Exception ex) {}

        @Override
        public void onStart() {
            started.countDown();
        }
    }
}
