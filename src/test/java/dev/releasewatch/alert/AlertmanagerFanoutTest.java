package dev.releasewatch.alert;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.releasewatch.avro.AlertState;
import dev.releasewatch.avro.Severity;
import dev.releasewatch.config.AlertmanagerConfig;
import dev.releasewatch.config.ConfigLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AlertmanagerFanout} with two receivers on loopback standing for an HA pair, configured the way an
 * operator does it (keys through {@link ConfigLoader}).
 */
class AlertmanagerFanoutTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<HttpServer> servers = new ArrayList<>();
    private AlertmanagerFanout fanout;

    @AfterEach
    void stop() {
        if (fanout != null) {
            fanout.close();
        }
        servers.forEach(s -> s.stop(0));
    }

    private String receiver(BlockingQueue<JsonNode> posted, boolean up) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v2/alerts", ex -> {
            try (ex) {
                byte[] body = ex.getRequestBody().readAllBytes();
                if (up) {
                    MAPPER.readTree(new String(body, StandardCharsets.UTF_8)).forEach(posted::add);
                }
                ex.sendResponseHeaders(up ? 200 : 503, -1);
            }
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static JsonNode next(BlockingQueue<JsonNode> q) throws InterruptedException {
        JsonNode n = q.poll(10, TimeUnit.SECONDS);
        assertThat(n).as("an alert posted within 10 s").isNotNull();
        return n;
    }

    @Test
    void everyMemberGetsEveryAlertWithStaticLabelsAPageLinkAndAnEnd() throws Exception {
        BlockingQueue<JsonNode> a = new LinkedBlockingQueue<>();
        BlockingQueue<JsonNode> b = new LinkedBlockingQueue<>();
        BlockingQueue<JsonNode> down = new LinkedBlockingQueue<>();
        String urls = receiver(a, true) + ", " + receiver(down, false) + "," + receiver(b, true) + "/";
        AlertmanagerConfig config = new ConfigLoader()
                .overrides(Map.of(
                        "alertmanager.url", urls,
                        "alertmanager.labels.env", "prod",
                        "alertmanager.labels.team", "feeds",
                        "http.public-url", "https://watch.example.org/rw"))
                .load()
                .alertmanager();
        assertThat(config.urls()).hasSize(3);
        fanout = AlertmanagerFanout.startIfConfigured(config, 9464, new SimpleMeterRegistry());
        Instant before = Instant.now();
        fanout.onAlert(AlertmanagerForwarderTest.alert(
                "f1", AlertState.FIRING, Severity.CRITICAL, Instant.parse("2020-08-27T00:00:00Z")));
        for (BlockingQueue<JsonNode> q : List.of(a, b)) {
            JsonNode n = next(q);
            assertThat(n.get("labels").get("env").asText()).isEqualTo("prod");
            assertThat(n.get("labels").get("team").asText()).isEqualTo("feeds");
            assertThat(n.get("labels").get("alertId").asText()).isEqualTo("f1");
            assertThat(n.get("generatorURL").asText())
                    .isEqualTo("https://watch.example.org/rw/?scope=CATEGORY&subject=X264&granularity=DAY"
                            + "&time=2020-08-26T00%3A00%3A00Z");
            Instant ends = Instant.parse(n.get("endsAt").asText());
            assertThat(ends).isAfterOrEqualTo(before.plusSeconds(3 * 60 - 1));
        }
        assertThat(down).isEmpty();
    }

    @Test
    void offWithoutUrlsAndTheDefaultPageIsThisHostOnTheMetricsPort() {
        AlertmanagerConfig none = new ConfigLoader().load().alertmanager();
        assertThat(AlertmanagerFanout.startIfConfigured(none, 9464, new SimpleMeterRegistry()))
                .isNull();
        URI page = AlertmanagerFanout.defaultPage(9464);
        assertThat(page.getPort()).isEqualTo(9464);
        assertThat(page.getPath()).isEqualTo("/");
        assertThat(AlertmanagerFanout.defaultPage(-1)).isNull();
    }
}
