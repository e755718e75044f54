package dev.releasewatch.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import dev.releasewatch.alert.RecentAlerts;
import dev.releasewatch.config.HttpSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /health} says why the monitor is not ready: Kafka Streams stays RUNNING while its clients retry against
 * brokers it cannot reach, so an unreachable cluster is a reason of its own (503 with the reason), next to a Streams
 * state that is neither RUNNING nor REBALANCING.
 */
@Timeout(60)
class MonitorHealthTest {

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void shouldReportNotReadyWithTheReasonAndReadyAgainWhenItIsGone() throws Exception {
        AtomicReference<String> state = new AtomicReference<>("RUNNING");
        AtomicReference<String> unreachable = new AtomicReference<>();
        try (MonitorHttpServer server = new MonitorHttpServer(
                InetAddress.getLoopbackAddress(),
                0,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                state::get,
                unreachable::get,
                new RecentAlerts(10),
                null,
                () -> null,
                HttpSettings.defaults(),
                null)) {
            String health = "http://127.0.0.1:" + server.port() + "/health";

            assertThat(get(health)).isEqualTo("200 {\"status\":\"UP\",\"streams\":\"RUNNING\"}");

            unreachable.set("no broker reachable for 47 s");
            assertThat(get(health))
                    .isEqualTo("503 {\"status\":\"DOWN\",\"streams\":\"RUNNING\","
                            + "\"reason\":\"no broker reachable for 47 s\"}");

            state.set("ERROR");
            assertThat(get(health))
                    .isEqualTo("503 {\"status\":\"DOWN\",\"streams\":\"ERROR\","
                            + "\"reason\":\"Kafka Streams is in state ERROR\"}");

            state.set("REBALANCING");
            unreachable.set(null);
            assertThat(get(health)).isEqualTo("200 {\"status\":\"UP\",\"streams\":\"REBALANCING\"}");
        }
    }

    private String get(String uri) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(uri))
                        .timeout(Duration.ofSeconds(20))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }
}
