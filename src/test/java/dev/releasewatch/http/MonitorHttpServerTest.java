package dev.releasewatch.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.releasewatch.alert.RecentAlerts;
import dev.releasewatch.avro.OperatorDecision;
import dev.releasewatch.config.HttpSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decisions that wait for a Kafka that does not answer (a recorder blocked on a latch) must not take the threads
 * of {@code /health} and {@code /metrics}; one decision too many is refused at once, and the slots come back.
 */
@Timeout(60)
class MonitorHttpServerTest {

    private static final String DECISION = "{\"scope\":\"CATEGORY\",\"subject\":\"GAMES\",\"operator\":\"alice\"}";

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void shouldAnswerHealthAndMetricsWhileDecisionsWaitForKafka() throws Exception {
        CountDownLatch waiting = new CountDownLatch(MonitorHttpServer.DECISIONS_IN_FLIGHT);
        CountDownLatch kafkaAnswers = new CountDownLatch(1);
        AtomicInteger recorded = new AtomicInteger();
        DecisionRecorder blockedKafka = (OperatorDecision decision) -> {
            waiting.countDown();
            kafkaAnswers.await();
            recorded.incrementAndGet();
        };
        try (MonitorHttpServer server = new MonitorHttpServer(
                InetAddress.getLoopbackAddress(),
                0,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> "RUNNING",
                new RecentAlerts(10),
                blockedKafka,
                () -> null,
                HttpSettings.defaults())) {
            String base = "http://127.0.0.1:" + server.port();
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < MonitorHttpServer.DECISIONS_IN_FLIGHT; i++) {
                inFlight.add(http.sendAsync(post(base), HttpResponse.BodyHandlers.ofString()));
            }
            assertThat(waiting.await(30, TimeUnit.SECONDS))
                    .as("every decision is waiting for Kafka")
                    .isTrue();

            HttpResponse<String> health = http.send(get(base + "/health"), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"UP\"");
            assertThat(http.send(get(base + "/metrics"), HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(200);

            HttpResponse<String> oneTooMany = http.send(post(base), HttpResponse.BodyHandlers.ofString());
            assertThat(oneTooMany.statusCode()).isEqualTo(503);
            assertThat(oneTooMany.body()).contains("already waiting for Kafka");
            assertThat(inFlight).noneMatch(CompletableFuture::isDone);

            kafkaAnswers.countDown();
            for (CompletableFuture<HttpResponse<String>> response : inFlight) {
                assertThat(response.get().statusCode()).isEqualTo(202);
            }
            assertThat(http.send(post(base), HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .as("the waiting slots are free again")
                    .isEqualTo(202);
            assertThat(recorded).hasValue(MonitorHttpServer.DECISIONS_IN_FLIGHT + 1);
        }
    }

    private static HttpRequest get(String uri) {
        // bounds only the failure: a starved server would otherwise hang the test until @Timeout
        return HttpRequest.newBuilder(URI.create(uri))
                .timeout(Duration.ofSeconds(20))
                .GET()
                .build();
    }

    private static HttpRequest post(String base) {
        return HttpRequest.newBuilder(URI.create(base + "/decisions"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(DECISION))
                .build();
    }
}
