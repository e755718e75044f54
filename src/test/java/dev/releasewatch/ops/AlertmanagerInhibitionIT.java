package dev.releasewatch.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped {@code alertmanager.yml} inhibition, in the real Alertmanager: a stalled ingest silences the feed drops
 * of its own deployment ({@code env}) and nothing else, and a dead instance (whose tasks move to the others) silences
 * no feed alert at all.
 */
@Tag("ops")
class AlertmanagerInhibitionIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    @Test
    void aHealthAlertSilencesOnlyTheFeedDropsOfItsOwnDeployment(@TempDir Path tmp) throws Exception {
        int port = OpsTools.freePort();
        String am = "http://127.0.0.1:" + port;
        Process alertmanager = OpsTools.startAlertmanager(tmp, port);
        try {
            awaitReady(am + "/-/ready", alertmanager, tmp.resolve("alertmanager.log"));
            post(
                    am,
                    alert(Map.of("alertname", "ReleaseWatchIngestStalled", "env", "staging", "instance", "s1:9464")),
                    alert(Map.of("alertname", "ReleaseWatchDown", "env", "prod", "instance", "p1:9464")),
                    alert(drop("staging", "GAMES")),
                    alert(drop("prod", "GAMES")),
                    alert(drop("prod", "EBOOK")));
            Map<String, String> states = new LinkedHashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (states.size() < 5 && System.nanoTime() < deadline) {
                states.clear();
                for (JsonNode a : MAPPER.readTree(get(am + "/api/v2/alerts"))) {
                    JsonNode l = a.path("labels");
                    states.put(
                            l.path("alertname").asText() + "/" + l.path("env").asText() + "/"
                                    + l.path("subject").asText(),
                            a.path("status").path("state").asText());
                }
                Thread.sleep(200);
            }
            assertThat(states)
                    .containsEntry("ReleaseFeedDrop/staging/GAMES", "suppressed")
                    .containsEntry("ReleaseFeedDrop/prod/GAMES", "active")
                    .containsEntry("ReleaseFeedDrop/prod/EBOOK", "active")
                    .containsEntry("ReleaseWatchIngestStalled/staging/", "active")
                    .containsEntry("ReleaseWatchDown/prod/", "active");
        } finally {
            OpsTools.stop(alertmanager);
        }
    }

    private static Map<String, String> drop(String env, String subject) {
        return Map.of(
                "alertname",
                "ReleaseFeedDrop",
                "env",
                env,
                "scope",
                "CATEGORY",
                "subject",
                subject,
                "severity",
                "warning",
                "alertId",
                env + "-" + subject);
    }

    private static ObjectNode alert(Map<String, String> labels) {
        ObjectNode a = MAPPER.createObjectNode();
        ObjectNode l = a.putObject("labels");
        labels.forEach(l::put);
        a.put("startsAt", Instant.now().minusSeconds(60).toString());
        a.put("endsAt", Instant.now().plusSeconds(600).toString());
        return a;
    }

    private void post(String am, ObjectNode... alerts) throws IOException, InterruptedException {
        ArrayNode body = MAPPER.createArrayNode();
        for (ObjectNode a : alerts) {
            body.add(a);
        }
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(am + "/api/v2/alerts"))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private String get(String url) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private void awaitReady(String url, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(
                        url + ": process exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (http.send(
                                        HttpRequest.newBuilder(URI.create(url))
                                                .timeout(Duration.ofSeconds(2))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError(url + " not ready within 30 s:\n" + Files.readString(log));
    }
}
