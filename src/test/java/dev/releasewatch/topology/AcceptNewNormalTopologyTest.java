package dev.releasewatch.topology;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertState;
import dev.releasewatch.avro.DeadLetter;
import dev.releasewatch.avro.DecisionKind;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.OperatorDecision;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.WindowCount;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.feed.synth.FactorCurve;
import dev.releasewatch.feed.synth.FeedEffect;
import dev.releasewatch.feed.synth.FeedSettings;
import dev.releasewatch.feed.synth.SyntheticFeed;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator accepts a new normal through the decisions topic (TopologyTestDriver): the XXX section of
 * a synthetic feed falls to 30% for good on 1 Jul 2020 and its drop alert fires; a decision on 3 Jul
 * resolves it as NEW_NORMAL_ACCEPTED, and three more weeks at the new level do not fire again (without
 * the rebase they would: the old baseline still expects 3x as much, and a learned new level only comes
 * after 28 days). The counts topic shows the rebased baseline.
 */
class AcceptNewNormalTopologyTest {

    private static final LocalDate DROP_DAY = LocalDate.of(2020, 7, 1);
    private static final Instant DECISION_POINT = Instant.parse("2020-07-03T01:00:00Z");
    private static final AvroSerde<OperatorDecision> DECISIONS = AvroSerde.of(OperatorDecision.class);

    @Test
    void shouldResolveTheOpenDropAlertAndKeepTheAcceptedLevelQuiet() {
        FeedSettings settings = FeedSettings.normal(LocalDate.of(2020, 6, 1), LocalDate.of(2020, 7, 24), 7)
                .withVolume(0.5)
                .withEffects(List.of(new FeedEffect.ScaleSection(
                        "XXX", FactorCurve.builder().stepAt(DROP_DAY, 0.3).build())));
        try (TopologyFixture f = new TopologyFixture()) {
            TestInputTopic<byte[], byte[]> decisions = decisionsTopic(f);
            Iterator<ReleaseAnnouncement> feed = new SyntheticFeed(settings).iterator();
            ReleaseAnnouncement next = sendUntil(f, feed, DECISION_POINT);
            f.heartbeat(DECISION_POINT.toString());

            double expectedBefore = expectedDay(f.counts.readValuesToList(), "2020-06-30");
            List<Alert> before = f.alerts.readValuesToList();
            Alert firing = before.stream()
                    .filter(a -> isXxx(a) && a.getState() == AlertState.FIRING)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("XXX did not fire before the decision: " + before));
            assertThat(before).noneMatch(a -> isXxx(a) && a.getState() == AlertState.RESOLVED);

            decisions.pipeInput(
                    bytes("XXX"),
                    DECISIONS.encode(decision(Scope.CATEGORY, "XXX", "alice", "XXX moved to another site")));
            List<Alert> resolved = f.alerts.readValuesToList();
            assertThat(resolved).singleElement().satisfies(a -> {
                assertThat(a.getState()).isEqualTo(AlertState.RESOLVED);
                assertThat(a.getAlertId()).isEqualTo(firing.getAlertId());
                assertThat(a.getResolution()).isEqualTo("NEW_NORMAL_ACCEPTED");
                assertThat(a.getSummary()).contains("alice");
                assertThat(a.getDetectedAt())
                        .as("applied at the event time the detector reached, not the wall clock")
                        .isEqualTo(Instant.parse("2020-07-03T00:00:00Z"));
            });
            assertThat(f.counter(TopologyMetrics.ALERTS, "state", "RESOLVED")).isGreaterThanOrEqualTo(1);

            f.send(next);
            feed.forEachRemaining(f::send);
            f.heartbeat("2020-07-25T01:00:00Z");
            List<Alert> after = f.alerts.readValuesToList();
            List<WindowCount> counts = f.counts.readValuesToList();
            assertThat(expectedDay(counts, "2020-07-06"))
                    .as("XXX's baseline a few days after the decision, before the decision: " + expectedBefore)
                    .isLessThan(0.5 * expectedBefore);
            assertThat(expectedDay(counts, "2020-07-24")).as("the feed went on").isPositive();
            assertThat(after)
                    .as("alerts on XXX after the new normal was accepted")
                    .noneMatch(AcceptNewNormalTopologyTest::isXxx);
        }
    }

    @Test
    void shouldHoldADecisionUntilItsEffectiveTimeSoAReprocessingAppliesItAtTheSamePoint() {
        FeedSettings settings = FeedSettings.normal(LocalDate.of(2020, 6, 1), LocalDate.of(2020, 7, 10), 7)
                .withVolume(0.5)
                .withEffects(List.of(new FeedEffect.ScaleSection(
                        "XXX", FactorCurve.builder().stepAt(DROP_DAY, 0.3).build())));
        Instant effective = Instant.parse("2020-07-03T00:00:00Z");
        try (TopologyFixture f = new TopologyFixture()) {
            // the decision is read first, as in a reprocessing from scratch: the decisions topic is older than the new
            // run
            decisionsTopic(f)
                    .pipeInput(
                            bytes("XXX"),
                            DECISIONS.encode(
                                    OperatorDecision.newBuilder(decision(Scope.CATEGORY, "XXX", "alice", "XXX moved"))
                                            .setEffectiveAt(effective)
                                            .build()));
            assertThat(f.alerts.isEmpty()).isTrue();

            new SyntheticFeed(settings).forEach(f::send);
            f.heartbeat("2020-07-11T01:00:00Z");

            List<Alert> xxx = f.alerts.readValuesToList().stream()
                    .filter(AcceptNewNormalTopologyTest::isXxx)
                    .toList();
            assertThat(xxx).extracting(Alert::getState).containsExactly(AlertState.FIRING, AlertState.RESOLVED);
            assertThat(xxx.get(1).getResolution()).isEqualTo("NEW_NORMAL_ACCEPTED");
            assertThat(xxx.get(1).getDetectedAt())
                    .as("applied once the windows reached its effective time")
                    .isEqualTo(effective);
        }
    }

    @Test
    void shouldDeadLetterAMalformedOrInvalidDecisionAndGoOn() {
        try (TopologyFixture f = new TopologyFixture()) {
            TestInputTopic<byte[], byte[]> decisions = decisionsTopic(f);
            byte[] garbage = "{\"subject\":\"GAMES\"}".getBytes(StandardCharsets.UTF_8);
            decisions.pipeInput(bytes("GAMES"), garbage);
            decisions.pipeInput(bytes("GAMES"), DECISIONS.encode(decision(Scope.TOTAL, "GAMES", "alice", null)));
            decisions.pipeInput(bytes("GAMES"), DECISIONS.encode(decision(Scope.CATEGORY, "GAMES", " ", null)));
            decisions.pipeInput(bytes("GAMES"), DECISIONS.encode(decision(Scope.CATEGORY, "GAMES", "alice", null)));

            List<DeadLetter> letters = f.readDeadLetters();
            assertThat(letters).hasSize(3);
            assertThat(letters.get(0).getReasonCode()).isEqualTo("MALFORMED");
            assertThat(letters.get(0).getReason()).contains("OperatorDecision");
            assertThat(letters.get(0).getTopic()).isEqualTo(f.config.topics().decisions());
            assertThat(letters.get(0).getValue().array()).isEqualTo(garbage);
            assertThat(letters.get(1).getReasonCode()).isEqualTo("INVALID");
            assertThat(letters.get(1).getReason()).contains("TOTAL must be *");
            assertThat(letters.get(2).getReason()).contains("operator is empty");
            assertThat(f.counter(TopologyMetrics.DEAD_LETTERS, "reason", "MALFORMED"))
                    .isEqualTo(1);
            assertThat(f.alerts.isEmpty())
                    .as("a decision on a subject the detector does not know resolves nothing")
                    .isTrue();

            f.release("Some.Movie.2020.1080p.BluRay.x264-GRP", "X264", "2020-08-19T10:00:00Z");
            f.heartbeat("2020-08-20T01:00:00Z");
            assertThat(f.readCounts())
                    .as("the detector still runs")
                    .containsEntry(TopologyFixture.day(Scope.TOTAL, "*", "2020-08-19"), 1L);
        }
    }

    private static TestInputTopic<byte[], byte[]> decisionsTopic(TopologyFixture f) {
        return f.driver.createInputTopic(
                f.config.topics().decisions(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends the feed up to {@code until} (exclusive) and returns the first announcement at or after it. */
    private static ReleaseAnnouncement sendUntil(TopologyFixture f, Iterator<ReleaseAnnouncement> feed, Instant until) {
        while (feed.hasNext()) {
            ReleaseAnnouncement a = feed.next();
            if (!a.getTime().isBefore(until)) {
                return a;
            }
            f.send(a);
        }
        throw new AssertionError("the feed ends before " + until);
    }

    private static OperatorDecision decision(Scope scope, String subject, String operator, String reason) {
        return OperatorDecision.newBuilder()
                .setDecisionId("d-" + System.nanoTime())
                .setKind(DecisionKind.ACCEPT_NEW_NORMAL)
                .setScope(scope)
                .setSubject(subject)
                .setOperator(operator)
                .setReason(reason)
                .setDecidedAt(TopologyFixture.WALL_CLOCK)
                .build();
    }

    /** The XXX day window's expected count on {@code date}. */
    private static double expectedDay(List<WindowCount> counts, String date) {
        Instant start = Instant.parse(date + "T00:00:00Z");
        return counts.stream()
                .filter(c -> c.getScope() == Scope.CATEGORY
                        && c.getSubject().equals("XXX")
                        && c.getGranularity() == Granularity.DAY
                        && c.getWindowStart().equals(start)
                        && c.getExpected() != null)
                .mapToDouble(WindowCount::getExpected)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no XXX day count with a baseline on " + date));
    }

    private static boolean isXxx(Alert a) {
        return a.getScope() == Scope.CATEGORY && a.getSubject().equals("XXX");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
