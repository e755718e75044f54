package dev.releasewatch.it;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasewatch.app.MonitorRuntime;
import dev.releasewatch.app.ReplaySession;
import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertState;
import dev.releasewatch.avro.OperatorDecision;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.cli.Main;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.feed.SectionClassifier;
import dev.releasewatch.feed.synth.FactorCurve;
import dev.releasewatch.feed.synth.FeedEffect;
import dev.releasewatch.feed.synth.FeedSettings;
import dev.releasewatch.feed.synth.SyntheticFeed;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accepting a new normal end to end on a real broker: XXX and X264 fall to 30% of their level on 1 Jul
 * 2020 and both fire; an operator accepts XXX's new level with {@code POST /decisions} and X264's with the
 * {@code accept} command. Both RESOLVED alerts (NEW_NORMAL_ACCEPTED, naming the operator) come back from
 * the alerts topic under the ids of the FIRING ones, both decisions stay on the decisions topic, and the
 * endpoint answers bad requests with 400 and other methods with 405 without publishing anything.
 */
@Timeout(420)
class AcceptNewNormalIT extends RealBrokerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Test
    void shouldResolveTheOpenAlertsWhenAnOperatorAcceptsTheNewLevelOverHttpAndFromTheCommandLine() throws Exception {
        AppConfig config = config("accept-it")
                .set("topic.partitions", "2")
                .set("metrics.port", "0")
                .set("metrics.bind", "127.0.0.1")
                .load();
        LocalDate drop = LocalDate.of(2020, 7, 1);
        FeedSettings settings = FeedSettings.normal(LocalDate.of(2020, 6, 1), LocalDate.of(2020, 7, 2), 7)
                .withVolume(0.5)
                .withEffects(List.of(
                        new FeedEffect.ScaleSection(
                                "XXX", FactorCurve.builder().stepAt(drop, 0.3).build()),
                        new FeedEffect.ScaleSection(
                                "X264", FactorCurve.builder().stepAt(drop, 0.3).build())));
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        try (MonitorRuntime runtime =
                MonitorRuntime.start(config, SectionClassifier.defaults(), List.of(alerts::add))) {
            ReplaySession.Result replay = ReplaySession.replay(
                    runtime, new SyntheticFeed(settings).iterator(), "accept-it", null, Duration.ofMinutes(4));
            assertThat(replay.completed()).isTrue();
            Alert xxx = firing(alerts, "XXX");
            Alert x264 = firing(alerts, "X264");
            String endpoint = "http://127.0.0.1:" + runtime.httpPort() + "/decisions";

            HttpResponse<String> badJson = post(endpoint, "{\"scope\": \"CATEGORY\", ");
            assertThat(badJson.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(badJson.body()).path("error").asText()).startsWith("body is not valid JSON");
            HttpResponse<String> badScope =
                    post(endpoint, "{\"scope\":\"SECTION\",\"subject\":\"XXX\",\"operator\":\"alice\"}");
            assertThat(badScope.statusCode()).isEqualTo(400);
            assertThat(badScope.body()).contains("scope must be CATEGORY, GROUP or TOTAL");
            HttpResponse<String> typo =
                    post(endpoint, "{\"scope\":\"CATEGORY\",\"subject\":\"XXX\",\"operater\":\"alice\"}");
            assertThat(typo.statusCode()).isEqualTo(400);
            assertThat(typo.body()).contains("unknown field 'operater'");
            HttpResponse<String> get = http.send(
                    HttpRequest.newBuilder(URI.create(endpoint)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405);
            assertThat(get.headers().firstValue("Allow")).hasValue("POST");

            HttpResponse<String> accepted = post(
                    endpoint,
                    "{\"scope\":\"CATEGORY\",\"subject\":\"XXX\",\"operator\":\"alice\",\"reason\":\"XXX moved to another site\"}");
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            String httpDecisionId =
                    JSON.readTree(accepted.body()).path("decisionId").asText();
            assertThat(httpDecisionId).isNotBlank();
            assertThat(JSON.readTree(accepted.body()).path("effectiveAt").asText())
                    .as("takes effect at the event time the monitor reached (replayable), not at the wall clock")
                    .startsWith("2020-07-0");

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = runCapturingOut(
                    out,
                    "accept",
                    "--bootstrap-servers",
                    config.bootstrapServers(),
                    "-D",
                    "topic.decisions=" + config.topics().decisions(),
                    "--scope",
                    "CATEGORY",
                    "--subject",
                    "X264",
                    "--operator",
                    "bob",
                    "--reason",
                    "fewer encoders since the raid");
            assertThat(exit).isZero();
            String cliDecisionId = out.toString(StandardCharsets.UTF_8).strip();

            Alert xxxResolved = awaitResolved(alerts, "XXX");
            assertThat(xxxResolved.getAlertId()).isEqualTo(xxx.getAlertId());
            assertThat(xxxResolved.getResolution()).isEqualTo("NEW_NORMAL_ACCEPTED");
            assertThat(xxxResolved.getSummary()).contains("alice");
            Alert x264Resolved = awaitResolved(alerts, "X264");
            assertThat(x264Resolved.getAlertId()).isEqualTo(x264.getAlertId());
            assertThat(x264Resolved.getResolution()).isEqualTo("NEW_NORMAL_ACCEPTED");
            assertThat(x264Resolved.getSummary()).contains("bob");

            List<OperatorDecision> recorded =
                    readDecisions(runtime, config.topics().decisions());
            assertThat(recorded)
                    .extracting(OperatorDecision::getDecisionId)
                    .containsExactly(httpDecisionId, cliDecisionId);
            assertThat(recorded.get(0).getReason()).isEqualTo("XXX moved to another site");
            assertThat(recorded.get(1).getOperator()).isEqualTo("bob");
        }
    }

    private HttpResponse<String> post(String endpoint, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(endpoint))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int runCapturingOut(ByteArrayOutputStream out, String... args) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            return Main.execute(args);
        } finally {
            System.setOut(original);
        }
    }

    private static Alert firing(List<Alert> alerts, String category) {
        return find(alerts, category, AlertState.FIRING)
                .orElseThrow(() -> new AssertionError("no FIRING alert for " + category + " among " + alerts));
    }

    private static Alert awaitResolved(List<Alert> alerts, String category) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Alert> resolved = find(alerts, category, AlertState.RESOLVED);
            if (resolved.isPresent()) {
                return resolved.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no RESOLVED alert for " + category + " on the alerts topic within 60 s");
    }

    private static Optional<Alert> find(List<Alert> alerts, String category, AlertState state) {
        return alerts.stream()
                .filter(a -> a.getScope() == Scope.CATEGORY && a.getSubject().equals(category) && a.getState() == state)
                .findFirst();
    }

    private static List<OperatorDecision> readDecisions(MonitorRuntime runtime, String topic) throws Exception {
        AvroSerde<OperatorDecision> serde = AvroSerde.of(OperatorDecision.class);
        List<OperatorDecision> decisions = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(runtime.clients().consumer("accept-it-audit"))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    OperatorDecision d = serde.decode(r.value());
                    assertThat(r.key()).isEqualTo(d.getSubject());
                    decisions.add(d);
                }
            }
        }
        return decisions;
    }
}
