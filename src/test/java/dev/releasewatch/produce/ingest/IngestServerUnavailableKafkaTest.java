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
import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.config.ConfigLoader;
import dev.releasewatch.produce.FeedPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The other side of {@link Delivery}'s split: a record Kafka could take but does not acknowledge (here: no broker
 * listens) still makes the answer 503, so the client resends, while an invalid record of the same body is rejected.
 */
@Timeout(60)
class IngestServerUnavailableKafkaTest {

    @Test
    void shouldAnswer503WhenKafkaIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ClientProperties clients = new ClientProperties(new ConfigLoader()
                .set("bootstrap.servers", "127.0.0.1:" + closedPort)
                .set("kafka.max.block.ms", "300")
                .load());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        IngestSettings settings = IngestSettings.defaults().withPort(0).withAckTimeout(Duration.ofSeconds(5));
        try (FeedPublisher publisher = new FeedPublisher(clients, "nowhere", "ingest-unavailable-test");
                IngestServer server = new IngestServer(settings, publisher, registry)) {
            String body = "{\"name\": \"Valid-GRP\", \"time\": 1}\n{\"name\": \"\", \"time\": 1}\n";
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/ingest"))
                                    .header("Content-Type", "application/x-ndjson")
                                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(503);
            JsonNode answer = new ObjectMapper().readTree(response.body());
            assertThat(answer.get("accepted").asInt()).isZero();
            assertThat(answer.get("unacknowledged").asInt()).isEqualTo(1);
            assertThat(answer.get("rejected").asInt()).isEqualTo(1);
            assertThat(answer.get("errors").get(0).get("reason").asText()).isEqualTo("empty name");
            assertThat(registry.counter(IngestMetrics.RECORDS, "outcome", "failed")
                            .count())
                    .isEqualTo(1);
        }
    }
}
