package dev.releasewatch.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
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
 * state that is neither RUNNING nor REBALANCING, and a rebalance that has lasted longer than
 * {@code health.max-rebalance}.
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

    /**
     * A rebalance is healthy, with its state in the body, until it has lasted {@code health.max-rebalance}; then not
     * ready with the reason; healthy again once it ends, and a new rebalance is timed from its own start. The clock is
     * the test's, moved by hand: no sleeps.
     */
    @Test
    void shouldReportARebalanceThatLastsLongerThanTheLimitAndOnlyThat() throws Exception {
        AtomicReference<String> state = new AtomicReference<>("RUNNING");
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        RebalanceWatch rebalance = new RebalanceWatch(Duration.ofMinutes(5), nanos::get);
        try (MonitorHttpServer server = new MonitorHttpServer(
                InetAddress.getLoopbackAddress(),
                0,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                state::get,
                () -> rebalance.reason(state.get()),
                new RecentAlerts(10),
                null,
                () -> null,
                HttpSettings.defaults(),
                null)) {
            String health = "http://127.0.0.1:" + server.port() + "/health";

            state.set("REBALANCING");
            rebalance.observe("REBALANCING");
            nanos.addAndGet(Duration.ofMinutes(4).toNanos());
            assertThat(get(health)).isEqualTo("200 {\"status\":\"UP\",\"streams\":\"REBALANCING\"}");

            nanos.addAndGet(Duration.ofSeconds(61).toNanos());
            assertThat(get(health))
                    .isEqualTo(
                            "503 {\"status\":\"DOWN\",\"streams\":\"REBALANCING\","
                                    + "\"reason\":\"Kafka Streams has been REBALANCING for 301 s (health.max-rebalance 300 s)\"}");

            state.set("RUNNING");
            rebalance.observe("RUNNING");
            assertThat(get(health)).isEqualTo("200 {\"status\":\"UP\",\"streams\":\"RUNNING\"}");

            state.set("REBALANCING");
            rebalance.observe("REBALANCING");
            nanos.addAndGet(Duration.ofMinutes(2).toNanos());
            assertThat(get(health))
                    .as("a new rebalance is timed from its own start")
                    .isEqualTo("200 {\"status\":\"UP\",\"streams\":\"REBALANCING\"}");
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
