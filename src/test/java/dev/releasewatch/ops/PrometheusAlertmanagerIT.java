package dev.releasewatch.ops;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasewatch.alert.AlertmanagerForwarder;
import dev.releasewatch.alert.RecentAlerts;
import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertState;
import dev.releasewatch.avro.Contributor;
import dev.releasewatch.avro.Direction;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.Severity;
import dev.releasewatch.http.MonitorHttpServer;
import dev.releasewatch.topology.TopologyMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ops path end to end with the real Debian binaries, as processes on free loopback ports:
 * Prometheus scrapes a {@link MonitorHttpServer} (exact counter value through Prometheus' query API,
 * the shipped {@code rules.yml} loaded and evaluated, Alertmanager discovered), and
 * {@link AlertmanagerForwarder} posts a FIRING then a RESOLVED alert to Alertmanager running the shipped
 * {@code alertmanager.yml}, checked through Alertmanager's own API and metrics.
 */
@Tag("ops")
class PrometheusAlertmanagerIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    @Test
    void prometheusScrapesExactValuesAndAlertmanagerShowsFiringThenResolved(@TempDir Path tmp) throws Exception {
        Path prometheusBin = OpsTools.binary("prometheus", "prometheus");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter counted =
                Counter.builder(TopologyMetrics.EVENTS).tag("kind", "counted").register(registry);
        counted.increment(123_456);
        Process alertmanager = null;
        Process prometheus = null;
        MonitorHttpServer monitor = null;
        AlertmanagerForwarder forwarder = null;
        try {
            monitor = new MonitorHttpServer(0, registry, () -> "RUNNING", new RecentAlerts(10));
            int amPort = OpsTools.freePort();
            int promPort = OpsTools.freePort();
            String am = "http://127.0.0.1:" + amPort;
            String prom = "http://127.0.0.1:" + promPort;

            alertmanager = OpsTools.startAlertmanager(tmp, amPort);

            Files.writeString(tmp.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    rule_files:
                      - %s
                    alerting:
                      alertmanagers:
                        - static_configs:
                            - targets: ["127.0.0.1:%d"]
                    scrape_configs:
                      - job_name: release-watch
                        static_configs:
                          - targets: ["127.0.0.1:%d"]
                    """.formatted(
                            OpsTools.DOCKER.resolve("prometheus/rules.yml"), amPort, monitor.port()));
            prometheus = new ProcessBuilder(
                            prometheusBin.toString(),
                            "--config.file=" + tmp.resolve("prometheus.yml"),
                            "--storage.tsdb.path=" + tmp.resolve("tsdb"),
                            "--web.listen-address=127.0.0.1:" + promPort)
                    .redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("prometheus.log").toFile())
                    .start();

            awaitReady(am + "/-/ready", alertmanager, tmp.resolve("alertmanager.log"));
            awaitReady(prom + "/-/ready", prometheus, tmp.resolve("prometheus.log"));

            // Prometheus: the exact counter value, then the next one after an increment
            String query = prom + "/api/v1/query?query="
                    + URLEncoder.encode(
                            "releasewatch_events_total{job=\"release-watch\",kind=\"counted\"}",
                            StandardCharsets.UTF_8);
            assertThat(await(query, j -> value(j) != null)
                            .path("data")
                            .path("result")
                            .get(0)
                            .path("value")
                            .get(1)
                            .asText())
                    .isEqualTo("123456");
            counted.increment();
            await(query, j -> "123457".equals(value(j)));

            // the shipped rules are loaded and evaluate without error; Prometheus found Alertmanager
            JsonNode rules = await(
                    prom + "/api/v1/rules",
                    j -> j.findValues("lastEvaluation").stream()
                                    .noneMatch(t -> t.asText().startsWith("0001"))
                            && j.findValues("health").size() == 7);
            assertThat(rules.findValues("health")).extracting(JsonNode::asText).containsOnly("ok");
            assertThat(rules.findValues("name"))
                    .extracting(JsonNode::asText)
                    .contains(
                            "ReleaseWatchDown",
                            "ReleaseWatchIngestStalled",
                            "ReleaseWatchDeadLettersSurging",
                            "ReleaseWatchWatermarkLagging");
            await(
                    prom + "/api/v1/alertmanagers",
                    j -> j.path("data").path("activeAlertmanagers").toString().contains("127.0.0.1:" + amPort));

            // Alertmanager: FIRING, then RESOLVED
            forwarder = new AlertmanagerForwarder(AlertmanagerForwarder.Settings.defaults(am), registry);
            Instant detected = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
            forwarder.onAlert(alert(AlertState.FIRING, detected));
            String alerts = am + "/api/v2/alerts?filter="
                    + URLEncoder.encode("alertname=\"ReleaseFeedDrop\"", StandardCharsets.UTF_8);
            JsonNode firing = await(
                            alerts,
                            j -> j.size() == 1
                                    && "active"
                                            .equals(j.get(0)
                                                    .path("status")
                                                    .path("state")
                                                    .asText()))
                    .get(0);
            assertThat(firing.path("labels").toString())
                    .isEqualTo("{\"alertId\":\"it-1\",\"alertname\":\"ReleaseFeedDrop\",\"cause\":\"UNSPECIFIED\","
                            + "\"incident\":\"it-total\",\"scope\":\"CATEGORY\","
                            + "\"severity\":\"critical\",\"subject\":\"X264\"}");
            assertThat(firing.path("annotations").path("summary").asText())
                    .isEqualTo("X264: 31 releases on 2020-08-26, expected ~412 (-92%)");
            assertThat(firing.path("annotations").path("missing").asText()).isEqualTo("SPARKS (0 of ~212)");
            assertThat(Instant.parse(firing.path("startsAt").asText())).isEqualTo(detected);
            assertThat(firing.path("receivers").toString()).contains("default");

            forwarder.onAlert(alert(AlertState.RESOLVED, detected.plus(Duration.ofMinutes(20))));
            await(alerts, j -> j.size() == 0);
            // positive evidence, not just absence: Alertmanager counted one firing and one resolved v2 post
            String metrics = get(am + "/metrics");
            assertThat(metrics)
                    .containsPattern("alertmanager_alerts_received_total\\{status=\"firing\",version=\"v2\"} 1\\b")
                    .containsPattern("alertmanager_alerts_received_total\\{status=\"resolved\",version=\"v2\"} 1\\b")
                    .containsPattern("alertmanager_alerts_invalid_total\\{version=\"v2\"} 0\\b");
            assertThat(registry.find(AlertmanagerForwarder.POSTS)
                            .tag("outcome", "sent")
                            .counter()
                            .count())
                    .isEqualTo(2);
        } finally {
            if (forwarder != null) {
                forwarder.close();
            }
            OpsTools.stop(prometheus);
            OpsTools.stop(alertmanager);
            if (monitor != null) {
                monitor.close();
            }
            registry.close();
        }
    }

    private static Alert alert(AlertState state, Instant detectedAt) {
        return Alert.newBuilder()
                .setAlertId("it-1")
                .setIncidentId("it-total")
                .setState(state)
                .setScope(Scope.CATEGORY)
                .setSubject("X264")
                .setDirection(Direction.DROP)
                .setSeverity(Severity.CRITICAL)
                .setGranularity(Granularity.DAY)
                .setWindowStart(Instant.parse("2020-08-26T00:00:00Z"))
                .setWindowEnd(Instant.parse("2020-08-27T00:00:00Z"))
                .setObserved(31)
                .setExpected(412)
                .setBaseline("median of 4 previous Wednesdays")
                .setScore(12.3)
                .setDetectedAt(detectedAt)
                .setSummary("X264: 31 releases on 2020-08-26, expected ~412 (-92%)")
                .setAffectedSubjects(List.of())
                .setMissingContributors(List.of(new Contributor("SPARKS", 212.0, 0L)))
                .setResolution(state == AlertState.RESOLVED ? "RECOVERED" : null)
                .build();
    }

    private static String value(JsonNode queryResponse) {
        JsonNode result = queryResponse.path("data").path("result");
        return result.size() == 1 ? result.get(0).path("value").get(1).asText() : null;
    }

    private void awaitReady(String url, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(
                        url + ": process exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError(url + " not ready within " + START + ":\n" + Files.readString(log));
    }

    /** Polls a JSON endpoint until the condition holds; fails with the last body after {@link #WAIT}. */
    private JsonNode await(String url, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            last = get(url);
            JsonNode json = MAPPER.readTree(last);
            if (condition.test(json)) {
                return json;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("condition not met within " + WAIT + " on " + url + "; last response:\n" + last);
    }

    private String get(String url) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
