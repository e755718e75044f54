package dev.releasewatch.produce.ingest;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasewatch.config.BearerToken;
import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.config.ConfigLoader;
import dev.releasewatch.config.HttpSettings;
import dev.releasewatch.http.StalledClients;
import dev.releasewatch.produce.FeedPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slow client that took {@code ingest} down: 500 connections that send the headers of {@code POST /ingest} and
 * one byte of a declared 100 kB body, then wait. {@code /health} and a normal {@code POST /ingest} must still be
 * answered, and the bearer token guards {@code POST /ingest}. Needs no broker: the normal request's records are all
 * invalid, so nothing waits for Kafka (the publisher points at a closed port).
 */
@Timeout(120)
class IngestServerSlowClientTest {

    private static final String TOKEN = "ingest-token-for-the-test";
    private static final int STALLED = 500;
    private static final String INVALID = "{\"name\": \"\", \"time\": 1}\n{\"name\": \"No.Time-GRP\"}\n";

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void shouldAnswerIngestAndHealthWhile500ClientsStallTheirBodies() throws Exception {
        HttpSettings settings = new HttpSettings(
                BearerToken.of(TOKEN), Duration.ofSeconds(30), Duration.ofSeconds(30), 2000, HttpSettings.MIN_THREADS);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (FeedPublisher publisher = new FeedPublisher(unreachableKafka(), "nowhere", "ingest-slow-client-test");
                IngestServer server =
                        new IngestServer(IngestSettings.defaults().withPort(0), publisher, registry, settings);
                StalledClients stalled = new StalledClients(
                        server.port(),
                        STALLED,
                        "POST",
                        "/ingest",
                        100_000,
                        "Authorization: Bearer " + TOKEN + "\r\n")) {
            String base = "http://127.0.0.1:" + server.port();

            long start = System.nanoTime();
            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/health"))
                            .timeout(Duration.ofSeconds(20))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            long healthMillis = (System.nanoTime() - start) / 1_000_000;
            start = System.nanoTime();
            HttpResponse<String> ingest = http.send(ingest(base, TOKEN), HttpResponse.BodyHandlers.ofString());
            long ingestMillis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf(
                    "under %d stalled connections: /health in %d ms, POST /ingest in %d ms%n",
                    stalled.size(), healthMillis, ingestMillis);

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(ingest.statusCode()).isEqualTo(200);
            JsonNode answer = new ObjectMapper().readTree(ingest.body());
            assertThat(answer.get("accepted").asInt()).isZero();
            assertThat(answer.get("rejected").asInt()).isEqualTo(2);
            assertThat(stalled.stillWaiting(20))
                    .as("the slow clients were really stalled, not refused, while the others were answered")
                    .isEqualTo(20);
        }
    }

    @Test
    void shouldRefuseIngestWithoutTheToken() throws Exception {
        HttpSettings settings = HttpSettings.defaults().withAuthToken(BearerToken.of(TOKEN));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (FeedPublisher publisher = new FeedPublisher(unreachableKafka(), "nowhere", "ingest-token-test");
                IngestServer server =
                        new IngestServer(IngestSettings.defaults().withPort(0), publisher, registry, settings)) {
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> none = http.send(ingest(base, null), HttpResponse.BodyHandlers.ofString());
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.body()).doesNotContain(TOKEN);
            assertThat(http.send(ingest(base, "wrong"), HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(401);
            assertThat(http.send(ingest(base, TOKEN), HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(200);
            assertThat(registry.counter(IngestMetrics.REQUESTS, "status", "401").count())
                    .isEqualTo(2);
        }
    }

    private static HttpRequest ingest(String base, String token) {
        // the timeout bounds only the failure: a starved server would otherwise hang the test until @Timeout
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/ingest"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(INVALID, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private static ClientProperties unreachableKafka() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        return new ClientProperties(new ConfigLoader()
                .set("bootstrap.servers", "127.0.0.1:" + closedPort)
                .set("kafka.max.block.ms", "300")
                .load());
    }
}
