package dev.releasewatch.produce.poll;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The poller's /metrics and /health. */
class PollHttpServerTest {

    @Test
    void servesThePollersCountersAndGoesDownAfterFailedPollsInARow() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PollMetrics metrics = new PollMetrics(registry);
        metrics.poll("ok");
        metrics.records("published", 3);
        AtomicInteger failures = new AtomicInteger();
        Instant last = Instant.parse("2026-12-07T11:00:00Z");
        HttpClient client = HttpClient.newHttpClient();
        try (PollHttpServer server =
                new PollHttpServer(InetAddress.getLoopbackAddress(), 0, registry, failures::get, () -> last)) {
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> m = get(client, base + "/metrics");
            assertThat(m.statusCode()).isEqualTo(200);
            assertThat(m.body())
                    .contains("releasewatch_polls_total{outcome=\"ok\"} 1.0")
                    .contains("releasewatch_poll_records_total{outcome=\"published\"} 3.0");
            HttpResponse<String> up = get(client, base + "/health");
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(up.body()).contains("\"status\":\"UP\"").contains("2026-12-07T11:00:00Z");
            failures.set(PollHttpServer.DOWN_AFTER_FAILURES);
            HttpResponse<String> down = get(client, base + "/health");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"status\":\"DOWN\"").contains("\"consecutiveFailures\":3");
        }
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
