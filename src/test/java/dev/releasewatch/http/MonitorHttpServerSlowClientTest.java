package dev.releasewatch.http;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.releasewatch.alert.RecentAlerts;
import dev.releasewatch.avro.OperatorDecision;
import dev.releasewatch.config.BearerToken;
import dev.releasewatch.config.HttpSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 500 clients that send the headers of {@code POST /decisions} and one byte of the body, then wait, must not keep
 * the monitor from answering {@code /health} and a normal decision; they are dropped after the body timeout. A
 * configured bearer token guards {@code POST /decisions}, not the read-only routes.
 */
@Timeout(120)
class MonitorHttpServerSlowClientTest {

    private static final String TOKEN = "t0ken-for-the-test";
    private static final String DECISION = "{\"scope\":\"CATEGORY\",\"subject\":\"GAMES\",\"operator\":\"alice\"}";
    private static final int STALLED = 500;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void shouldAnswerHealthAndADecisionWhile500ClientsStallTheirBodies() throws Exception {
        AtomicInteger recorded = new AtomicInteger();
        HttpSettings settings = new HttpSettings(
                BearerToken.of(TOKEN), Duration.ofSeconds(30), Duration.ofSeconds(3), 2000, HttpSettings.MIN_THREADS);
        try (MonitorHttpServer server = server(settings, recorded);
                StalledClients stalled = new StalledClients(
                        server.port(),
                        STALLED,
                        "POST",
                        "/decisions",
                        10_000,
                        "Authorization: Bearer " + TOKEN + "\r\n")) {
            String base = "http://127.0.0.1:" + server.port();

            long start = System.nanoTime();
            HttpResponse<String> health = http.send(get(base + "/health"), HttpResponse.BodyHandlers.ofString());
            long healthMillis = (System.nanoTime() - start) / 1_000_000;
            start = System.nanoTime();
            HttpResponse<String> decision = http.send(post(base, TOKEN), HttpResponse.BodyHandlers.ofString());
            long decisionMillis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf(
                    "under %d stalled connections: /health in %d ms, POST /decisions in %d ms%n",
                    stalled.size(), healthMillis, decisionMillis);

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(decision.statusCode()).isEqualTo(202);
            assertThat(recorded).hasValue(1);
            assertThat(stalled.stillWaiting(20))
                    .as("the slow clients were really stalled, not refused, while the others were answered")
                    .isEqualTo(20);

            assertThat(stalled.statusLine(STALLED - 1, 20_000))
                    .as("a body that does not arrive within http.body-timeout is answered 408")
                    .startsWith("HTTP/1.1 408");
        }
    }

    @Test
    void shouldRequireTheTokenForDecisionsOnlyWhenOneIsConfigured() throws Exception {
        AtomicInteger recorded = new AtomicInteger();
        HttpSettings guarded = HttpSettings.defaults().withAuthToken(BearerToken.of(TOKEN));
        try (MonitorHttpServer server = server(guarded, recorded)) {
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> none = http.send(post(base, null), HttpResponse.BodyHandlers.ofString());
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
            assertThat(none.body()).doesNotContain(TOKEN);
            assertThat(http.send(post(base, TOKEN + "x"), HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(401);
            assertThat(recorded).hasValue(0);
            assertThat(http.send(post(base, TOKEN), HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(202);
            assertThat(http.send(get(base + "/health"), HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .as("read-only routes need no token")
                    .isEqualTo(200);
            assertThat(recorded).hasValue(1);
        }
        try (MonitorHttpServer open = server(HttpSettings.defaults(), recorded)) {
            assertThat(http.send(post("http://127.0.0.1:" + open.port(), null), HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .as("no token configured: no token needed")
                    .isEqualTo(202);
        }
    }

    @Test
    void shouldRefuseADecisionBodyOverTheLimitWithoutReadingIt() throws Exception {
        AtomicInteger recorded = new AtomicInteger();
        try (MonitorHttpServer server = server(HttpSettings.defaults(), recorded)) {
            String padded =
                    DECISION.replace("}", ",\"reason\":\"" + "x".repeat(MonitorHttpServer.MAX_DECISION_BYTES) + "\"}");
            HttpResponse<String> declared = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/decisions"))
                            .timeout(Duration.ofSeconds(20))
                            .POST(HttpRequest.BodyPublishers.ofString(padded))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(declared.statusCode()).isEqualTo(413);
            assertThat(declared.body()).contains("larger than " + MonitorHttpServer.MAX_DECISION_BYTES);
            // no Content-Length (chunked): the limit is found while reading
            HttpResponse<String> chunked = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/decisions"))
                            .timeout(Duration.ofSeconds(20))
                            .POST(HttpRequest.BodyPublishers.ofInputStream(
                                    () -> new ByteArrayInputStream(padded.getBytes(StandardCharsets.UTF_8))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(chunked.statusCode()).isEqualTo(413);
            assertThat(recorded).hasValue(0);
        }
    }

    private static MonitorHttpServer server(HttpSettings settings, AtomicInteger recorded) {
        return new MonitorHttpServer(
                InetAddress.getLoopbackAddress(),
                0,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> "RUNNING",
                new RecentAlerts(10),
                (OperatorDecision decision) -> recorded.incrementAndGet(),
                () -> null,
                settings);
    }

    private static HttpRequest get(String uri) {
        // bounds only the failure: a starved server would otherwise hang the test until @Timeout
        return HttpRequest.newBuilder(URI.create(uri))
                .timeout(Duration.ofSeconds(20))
                .GET()
                .build();
    }

    private static HttpRequest post(String base, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/decisions"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(DECISION));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }
}
