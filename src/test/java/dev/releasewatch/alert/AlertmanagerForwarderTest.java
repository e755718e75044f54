package dev.releasewatch.alert;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertState;
import dev.releasewatch.avro.Contributor;
import dev.releasewatch.avro.Direction;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.Severity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link AlertmanagerForwarder} against a fake Alertmanager on loopback that records every request body. */
class AlertmanagerForwarderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2020-08-27T06:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private HttpServer server;
    private final BlockingQueue<JsonNode> posted = new LinkedBlockingQueue<>();
    /** The fake answers this status to the next N requests, then 200. */
    private final AtomicInteger failNext = new AtomicInteger();

    private final AtomicInteger requests = new AtomicInteger();
    private volatile int failStatus = 503;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<AlertmanagerForwarder> forwarders = new ArrayList<>();

    @BeforeEach
    void startFake() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v2/alerts", ex -> {
            try (ex) {
                byte[] body = ex.getRequestBody().readAllBytes();
                requests.incrementAndGet();
                int status = failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? failStatus : 200;
                if (status == 200 && "POST".equals(ex.getRequestMethod())) {
                    for (JsonNode a : MAPPER.readTree(new String(body, StandardCharsets.UTF_8))) {
                        posted.add(a);
                    }
                }
                ex.sendResponseHeaders(status, -1);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        forwarders.forEach(AlertmanagerForwarder::close);
        server.stop(0);
    }

    private AlertmanagerForwarder forwarder(Duration resend) {
        AlertmanagerForwarder.Settings s = AlertmanagerForwarder.Settings.defaults(
                        "http://127.0.0.1:" + server.getAddress().getPort() + "/")
                .withResendInterval(resend)
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
                .withCloseTimeout(Duration.ofSeconds(2));
        AlertmanagerForwarder f = new AlertmanagerForwarder(s, registry, Clock.fixed(NOW, ZoneOffset.UTC));
        forwarders.add(f);
        return f;
    }

    static Alert alert(String id, AlertState state, Severity severity, Instant detectedAt) {
        return Alert.newBuilder()
                .setAlertId(id)
                .setIncidentId(null)
                .setState(state)
                .setScope(Scope.CATEGORY)
                .setSubject("X264")
                .setDirection(Direction.DROP)
                .setSeverity(severity)
                .setGranularity(Granularity.DAY)
                .setWindowStart(Instant.parse("2020-08-26T00:00:00Z"))
                .setWindowEnd(Instant.parse("2020-08-27T00:00:00Z"))
                .setObserved(31)
                .setExpected(412.04)
                .setBaseline("median of 4 previous Wednesdays")
                .setScore(12.345)
                .setDetectedAt(detectedAt)
                .setSummary("X264: 31 releases on 2020-08-26, expected ~412 (-92%)")
                .setAffectedSubjects(List.of())
                .setMissingContributors(List.of(
                        new Contributor("SPARKS", 212.4, 0L),
                        new Contributor("AMIABLE", 40.0, 3L),
                        new Contributor("A", 9.0, 0L),
                        new Contributor("B", 8.0, 0L),
                        new Contributor("C", 7.0, 0L),
                        new Contributor("D", 6.0, 0L)))
                .setResolution(state == AlertState.RESOLVED ? "RECOVERED" : null)
                .build();
    }

    private JsonNode next() throws InterruptedException {
        JsonNode n = posted.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(n)
                .as("an alert posted to the fake Alertmanager within %s", WAIT)
                .isNotNull();
        return n;
    }

    /** Waits until the counter reaches {@code n} (incremented after the response, so after the fake saw the body). */
    private double awaitCount(String outcome, double n) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (count(outcome) < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return count(outcome);
    }

    private double count(String outcome) {
        var c = registry.find("releasewatch_alertmanager_posts")
                .tag("outcome", outcome)
                .counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void firingThenResolvedCarryTheSameLabelsAndTheDocumentedFields() throws Exception {
        AlertmanagerForwarder f = forwarder(Duration.ofHours(1));
        Instant detected = Instant.parse("2020-08-27T00:00:00Z");
        f.onAlert(alert("a1", AlertState.FIRING, Severity.CRITICAL, detected));
        JsonNode firing = next();
        assertThat(firing.get("labels").toString())
                .isEqualTo(
                        "{\"alertId\":\"a1\",\"alertname\":\"ReleaseFeedDrop\",\"cause\":\"UNSPECIFIED\",\"incident\":\"a1\","
                                + "\"scope\":\"CATEGORY\",\"severity\":\"critical\",\"subject\":\"X264\"}");
        JsonNode ann = firing.get("annotations");
        assertThat(ann.get("summary").asText()).isEqualTo("X264: 31 releases on 2020-08-26, expected ~412 (-92%)");
        assertThat(ann.get("observed").asText()).isEqualTo("31");
        assertThat(ann.get("expected").asText()).isEqualTo("412.0");
        assertThat(ann.get("missing").asText())
                .isEqualTo("SPARKS (0 of ~212), AMIABLE (3 of ~40), A (0 of ~9), B (0 of ~8), C (0 of ~7), +1 more");
        assertThat(firing.get("startsAt").asText()).isEqualTo("2020-08-27T00:00:00Z");
        assertThat(firing.get("endsAt").asText())
                .as("an open alert ends 3 re-send intervals after the post unless re-sent")
                .isEqualTo(NOW.plus(Duration.ofHours(3)).toString());
        assertThat(firing.has("generatorURL")).as("no page URL configured").isFalse();
        assertThat(f.openAlerts()).isEqualTo(1);

        f.onAlert(alert("a1", AlertState.RESOLVED, Severity.CRITICAL, Instant.parse("2020-08-27T05:00:00Z")));
        JsonNode resolved = next();
        assertThat(resolved.get("labels")).isEqualTo(firing.get("labels"));
        assertThat(resolved.get("startsAt").asText()).isEqualTo("2020-08-27T00:00:00Z");
        assertThat(resolved.get("endsAt").asText()).isEqualTo("2020-08-27T05:00:00Z");
        assertThat(resolved.get("annotations").get("resolution").asText()).isEqualTo("RECOVERED");
        assertThat(f.openAlerts()).isZero();
        assertThat(awaitCount("sent", 2)).isEqualTo(2);
    }

    @Test
    void spikesUseTheirOwnAlertnameAndIncidentGroupsByIncidentId() throws Exception {
        AlertmanagerForwarder f = forwarder(Duration.ofHours(1));
        Alert spike = Alert.newBuilder(alert("g7", AlertState.FIRING, Severity.INFO, NOW.minusSeconds(60)))
                .setDirection(Direction.SPIKE)
                .setScope(Scope.GROUP)
                .setSubject("SPARKS")
                .setIncidentId("t1")
                .setMissingContributors(List.of())
                .build();
        f.onAlert(spike);
        JsonNode n = next();
        assertThat(n.get("labels").get("alertname").asText()).isEqualTo("ReleaseFeedSpike");
        assertThat(n.get("labels").get("incident").asText()).isEqualTo("t1");
        assertThat(n.get("labels").get("severity").asText()).isEqualTo("info");
        assertThat(n.get("annotations").has("missing")).isFalse();
    }

    @Test
    void eventTimesAheadOfTheWallClockAreClampedSoAResolvedAlertIsResolvedNow() throws Exception {
        AlertmanagerForwarder f = forwarder(Duration.ofHours(1));
        f.onAlert(alert("a2", AlertState.FIRING, Severity.WARNING, NOW.plus(Duration.ofHours(3))));
        assertThat(next().get("startsAt").asText()).isEqualTo(NOW.toString());
        f.onAlert(alert("a2", AlertState.RESOLVED, Severity.WARNING, NOW.plus(Duration.ofHours(5))));
        assertThat(next().get("endsAt").asText()).isEqualTo(NOW.toString());
    }

    @Test
    void aSeverityChangeResolvesTheOldLabelSetAndKeepsTheIncidentStart() throws Exception {
        AlertmanagerForwarder f = forwarder(Duration.ofHours(1));
        f.onAlert(alert("a3", AlertState.FIRING, Severity.WARNING, Instant.parse("2020-08-26T12:00:00Z")));
        assertThat(next().get("labels").get("severity").asText()).isEqualTo("warning");
        f.onAlert(alert("a3", AlertState.FIRING, Severity.CRITICAL, Instant.parse("2020-08-27T00:00:00Z")));
        JsonNode first = next();
        JsonNode second = next();
        JsonNode oldResolved = first.get("labels").get("severity").asText().equals("warning") ? first : second;
        JsonNode newFiring = oldResolved == first ? second : first;
        assertThat(oldResolved.get("endsAt").asText()).isEqualTo(NOW.toString());
        assertThat(newFiring.get("labels").get("severity").asText()).isEqualTo("critical");
        assertThat(newFiring.get("endsAt").asText())
                .isEqualTo(NOW.plus(Duration.ofHours(3)).toString());
        assertThat(newFiring.get("startsAt").asText()).isEqualTo("2020-08-26T12:00:00Z");
        assertThat(f.openAlerts()).isEqualTo(1);
    }

    @Test
    void openAlertsAreResentUntilResolved() throws Exception {
        AlertmanagerForwarder f = forwarder(Duration.ofMillis(200));
        f.onAlert(alert("a4", AlertState.FIRING, Severity.CRITICAL, NOW));
        JsonNode first = next();
        JsonNode again = next();
        assertThat(again).as("the same payload re-posted").isEqualTo(first);
        f.onAlert(alert("a4", AlertState.RESOLVED, Severity.CRITICAL, NOW));
        // drain until the resolved one, then nothing more for a few re-send intervals
        JsonNode n;
        do {
            n = next();
        } while (!n.get("annotations").has("resolution"));
        assertThat(posted.poll(700, TimeUnit.MILLISECONDS))
                .as("no re-send after RESOLVED")
                .isNull();
    }

    @Test
    void failedRequestsAreRetriedWithBackoffAndCounted() throws Exception {
        failNext.set(3);
        AlertmanagerForwarder f = forwarder(Duration.ofHours(1));
        f.onAlert(alert("a5", AlertState.FIRING, Severity.CRITICAL, NOW));
        assertThat(next().get("labels").get("alertId").asText()).isEqualTo("a5");
        assertThat(awaitCount("sent", 1)).isEqualTo(1);
        assertThat(count("failed")).isEqualTo(3);
    }

    @Test
    void aRejectedPayloadIsNotRetried() throws Exception {
        failStatus = 400;
        failNext.set(1);
        AlertmanagerForwarder f = forwarder(Duration.ofHours(1));
        f.onAlert(alert("a6", AlertState.FIRING, Severity.CRITICAL, NOW));
        f.onAlert(alert("a7", AlertState.FIRING, Severity.CRITICAL, NOW));
        // a6 went alone in the rejected request (or both did); whatever arrives later is not a6 retried
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (count("rejected") + count("sent") < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(count("rejected")).isGreaterThanOrEqualTo(1);
        assertThat(count("failed")).isZero();
        assertThat(count("rejected") + count("sent")).isEqualTo(2);
    }

    @Test
    void anUnreachableAlertmanagerNeverBlocksOrThrowsIntoTheCaller() {
        AlertmanagerForwarder f = new AlertmanagerForwarder(
                AlertmanagerForwarder.Settings.defaults("http://127.0.0.1:1")
                        .withQueueCapacity(3)
                        .withBackoff(Duration.ofMillis(50), Duration.ofMillis(50))
                        .withCloseTimeout(Duration.ofMillis(200)),
                registry,
                Clock.fixed(NOW, ZoneOffset.UTC));
        forwarders.add(f);
        for (int i = 0; i < 50; i++) {
            f.onAlert(alert("id" + i, AlertState.FIRING, Severity.CRITICAL, NOW));
        }
        assertThat(f.pendingAlerts()).isLessThanOrEqualTo(3);
        // at most 3 queued and 3 in the request under way; every other one dropped and counted: a caller that waited
        // for
        // room in the queue would have dropped nothing
        assertThat(count("dropped")).isGreaterThanOrEqualTo(44);
        assertThat(f.openAlerts()).isEqualTo(50);
    }

    @Test
    void aNewerStateReplacesAQueuedOneSoAReplayCollapses() throws Exception {
        failNext.set(1_000_000); // Alertmanager down while the history is read
        AlertmanagerForwarder f = forwarder(Duration.ofHours(1));
        for (int i = 0; i < 100; i++) {
            f.onAlert(alert("h" + i, AlertState.FIRING, Severity.CRITICAL, NOW.minusSeconds(1000 - i)));
            f.onAlert(alert("h" + i, AlertState.RESOLVED, Severity.CRITICAL, NOW.minusSeconds(500 - i)));
        }
        assertThat(f.pendingAlerts()).isLessThanOrEqualTo(100);
        // the second request from now was taken from the queue after the first one failed, i.e. after the
        // loop: from then on the queue holds only the RESOLVED states
        int seen = requests.get();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (requests.get() < seen + 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        failNext.set(0);
        List<JsonNode> all = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            all.add(next());
        }
        assertThat(all).allMatch(n -> n.get("annotations").has("resolution"));
        assertThat(all).extracting(n -> n.get("labels").get("alertId").asText()).doesNotHaveDuplicates();
        assertThat(posted.poll(200, TimeUnit.MILLISECONDS))
                .as("one post per incident, 100 in all")
                .isNull();
        assertThat(f.openAlerts()).isZero();
    }

    @Test
    void offWhenTheUrlIsBlankAndABadUrlNamesTheKey() {
        assertThat(AlertmanagerForwarder.startIfConfigured("", registry)).isNull();
        assertThat(AlertmanagerForwarder.startIfConfigured(null, registry)).isNull();
        assertThatThrownBy(() -> AlertmanagerForwarder.Settings.defaults("alertmanager:9093"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alertmanager.url");
        assertThat(AlertmanagerForwarder.Settings.defaults("http://am:9093/prefix/")
                        .endpoint())
                .isEqualTo(URI.create("http://am:9093/prefix/api/v2/alerts"));
    }
}
