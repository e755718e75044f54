package dev.releasewatch.produce.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.config.ConfigLoader;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.kafka.EmbeddedKafkaBroker;
import dev.releasewatch.produce.FeedPublisher;
import dev.releasewatch.produce.TopicContents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Good and hostile bodies posted over loopback to a real ingest server backed by a real broker: the answers' counts
 * are exact, and the topic holds exactly the accepted records, nothing from refused bodies.
 */
@Timeout(180)
class IngestServerIT {

    private static final String TOPIC = "ingest-it";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_BODY = 6 * 1024 * 1024;

    private static EmbeddedKafkaBroker broker;
    private static ClientProperties clients;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        clients = new ClientProperties(new ConfigLoader()
                .set("bootstrap.servers", broker.bootstrapServers())
                .load());
        try (Admin admin = Admin.create(clients.admin())) {
            admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(2), Optional.empty())
                            .configs(Map.of("max.message.bytes", String.valueOf(8 * 1024 * 1024)))))
                    .all()
                    .get();
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldPublishExactlyTheAcceptedRecordsAndAnswerWithExactCounts() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        IngestSettings settings =
                IngestSettings.defaults().withPort(0).withMaxBodyBytes(MAX_BODY).withAckTimeout(Duration.ofSeconds(20));
        try (FeedPublisher publisher = new FeedPublisher(clients, TOPIC, "ingest-it");
                IngestServer server = new IngestServer(settings, publisher, registry)) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/ingest");

            HttpResponse<String> array = post(uri, "application/json", null, """
                    [{"name": "Movie.2020.1080p.BluRay.x264-SPARKS", "section": "X264", "time": "2020-08-19T13:22:11Z"},
                     {"name": "", "time": 1},
                     {"name": "Show.S01E01.720p.HDTV.x264-GRP", "time": 1597843331, "kind": "NUKE", "reason": "dupe", "source": "mirror-9"},
                     {"name": "Bad.Time-GRP", "time": 1e999999},
                     {"name": "Album-2020-GRP", "section": "MP3", "time": "2020-08-19T13:22:13Z"}]""".getBytes());
            assertThat(array.statusCode()).isEqualTo(200);
            JsonNode a = MAPPER.readTree(array.body());
            assertThat(a.get("accepted").asInt()).isEqualTo(3);
            assertThat(a.get("rejected").asInt()).isEqualTo(2);
            assertThat(a.get("errors").toString())
                    .isEqualTo(
                            "[{\"index\":1,\"reason\":\"empty name\"},{\"index\":3,\"reason\":\"time out of range: Infinity\"}]");

            byte[] lines = join(
                    "{\"name\": \"Game-CODEX\", \"time\": \"2020-08-19 13:22:14\"}\n{\"name\": \"",
                    new byte[] {(byte) 0xC0, (byte) 0xAF},
                    "-X\", \"time\": 1}\nnot json\n{\"name\": \"Ebook-GRP\", \"section\": null, \"time\": 1597843335}\n");
            HttpResponse<String> ndjson = post(uri, "application/x-ndjson", "mirror-1", lines);
            assertThat(ndjson.statusCode()).isEqualTo(200);
            JsonNode n = MAPPER.readTree(ndjson.body());
            assertThat(n.get("accepted").asInt()).isEqualTo(2);
            assertThat(n.get("rejected").asInt()).isEqualTo(2);
            assertThat(n.get("errors").get(0).toString()).isEqualTo("{\"index\":1,\"reason\":\"invalid UTF-8\"}");

            HttpResponse<String> broken = post(
                    uri,
                    "application/json",
                    null,
                    "[{\"name\": \"Never.Published-GRP\", \"time\": 1}, {\"name\": ".getBytes());
            assertThat(broken.statusCode()).isEqualTo(400);
            assertThat(MAPPER.readTree(broken.body()).get("accepted").asInt()).isZero();

            HttpResponse<String> nested = post(uri, null, null, ("[{\"name\": " + "[".repeat(100_000)).getBytes());
            assertThat(nested.statusCode()).isEqualTo(400);

            HttpResponse<String> tooBig = post(uri, "application/json", null, new byte[MAX_BODY + 1]);
            assertThat(tooBig.statusCode()).isEqualTo(413);
            assertThat(MAPPER.readTree(tooBig.body()).get("error").asText()).contains("larger than");

            HttpResponse<String> get =
                    http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405);
            assertThat(get.headers().firstValue("Allow")).contains("POST");

            // larger than the producer's max.request.size: Kafka can never take it, so it is rejected like an invalid
            // record, with Kafka's reason, and the records around it are accepted
            String huge = "{\"name\": \"" + "x".repeat(5 * 1024 * 1024) + "-GRP\", \"time\": 1}";
            String mixed = "{\"name\": \"Before.Huge-GRP\", \"time\": 1597843336}\n" + huge + "\n"
                    + "{\"name\": \"After.Huge-GRP\", \"time\": 1597843337}\n";
            HttpResponse<String> tooLarge = post(uri, "application/x-ndjson", "mirror-2", mixed.getBytes());
            assertThat(tooLarge.statusCode()).isEqualTo(200);
            JsonNode t = MAPPER.readTree(tooLarge.body());
            assertThat(t.get("accepted").asInt()).isEqualTo(2);
            assertThat(t.get("rejected").asInt()).isEqualTo(1);
            assertThat(t.has("unacknowledged")).isFalse();
            assertThat(t.get("errors")).hasSize(1);
            assertThat(t.get("errors").get(0).get("index").asInt()).isEqualTo(1);
            assertThat(t.get("errors").get(0).get("reason").asText())
                    .startsWith("too large for Kafka")
                    .contains("max.request.size");

            assertThat(registry.counter(IngestMetrics.RECORDS, "outcome", "accepted")
                            .count())
                    .isEqualTo(7);
            assertThat(registry.counter(IngestMetrics.RECORDS, "outcome", "rejected")
                            .count())
                    .isEqualTo(5);
            assertThat(registry.counter(IngestMetrics.RECORDS, "outcome", "failed")
                            .count())
                    .isZero();
            assertThat(registry.counter(IngestMetrics.REQUESTS, "status", "503").count())
                    .isZero();
        }

        AvroSerde<ReleaseAnnouncement> serde = AvroSerde.of(ReleaseAnnouncement.class);
        List<ReleaseAnnouncement> published = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : TopicContents.read(clients, TOPIC)) {
            ReleaseAnnouncement value = serde.decode(r.value());
            assertThat(r.key()).isEqualTo(value.getName().toLowerCase(Locale.ROOT));
            published.add(value);
        }
        assertThat(published)
                .containsExactlyInAnyOrder(
                        new ReleaseAnnouncement(
                                EventKind.RELEASE,
                                "Movie.2020.1080p.BluRay.x264-SPARKS",
                                "X264",
                                Instant.parse("2020-08-19T13:22:11Z"),
                                "http",
                                null),
                        new ReleaseAnnouncement(
                                EventKind.NUKE,
                                "Show.S01E01.720p.HDTV.x264-GRP",
                                null,
                                Instant.parse("2020-08-19T13:22:11Z"),
                                "mirror-9",
                                "dupe"),
                        new ReleaseAnnouncement(
                                EventKind.RELEASE,
                                "Album-2020-GRP",
                                "MP3",
                                Instant.parse("2020-08-19T13:22:13Z"),
                                "http",
                                null),
                        new ReleaseAnnouncement(
                                EventKind.RELEASE,
                                "Game-CODEX",
                                null,
                                Instant.parse("2020-08-19T13:22:14Z"),
                                "mirror-1",
                                null),
                        new ReleaseAnnouncement(
                                EventKind.RELEASE,
                                "Ebook-GRP",
                                null,
                                Instant.parse("2020-08-19T13:22:15Z"),
                                "mirror-1",
                                null),
                        new ReleaseAnnouncement(
                                EventKind.RELEASE,
                                "Before.Huge-GRP",
                                null,
                                Instant.parse("2020-08-19T13:22:16Z"),
                                "mirror-2",
                                null),
                        new ReleaseAnnouncement(
                                EventKind.RELEASE,
                                "After.Huge-GRP",
                                null,
                                Instant.parse("2020-08-19T13:22:17Z"),
                                "mirror-2",
                                null));
    }

    private HttpResponse<String> post(URI uri, String contentType, String source, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (source != null) {
            b.header("X-Source", source);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] join(String a, byte[] middle, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[x.length + middle.length + y.length];
        System.arraycopy(x, 0, out, 0, x.length);
        System.arraycopy(middle, 0, out, x.length, middle.length);
        System.arraycopy(y, 0, out, x.length + middle.length, y.length);
        return out;
    }
}
