package dev.releasewatch.faults;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.feed.synth.FeedSettings;
import dev.releasewatch.feed.synth.SyntheticFeed;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault (f): both instances lose every broker for longer than their clients' timeouts, in the middle of the stream,
 * and get them back. The instances reach the cluster only through a {@link TcpProxy} per broker (bootstrap and
 * advertised listener); the proxies reset every connection and refuse new ones for {@link #CUT}, while the feed keeps
 * arriving in the cluster directly. The instances must not die, {@code /health} must say they are not ready and why,
 * and after the cut they must recover by themselves: exact counts, each day published once, the alerts of a
 * fault-free run.
 */
@Tag("faults")
@Timeout(900)
class NetworkCutFaultIT {

    static final LocalDate FROM = LocalDate.of(2020, 6, 1);
    static final LocalDate TO = LocalDate.of(2020, 7, 15);

    /** Longer than every client timeout the instances run with ({@link #CLIENT_TIMEOUTS}). */
    static final Duration CUT = Duration.ofSeconds(130);

    /**
     * The instances' client timeouts, set through pass-through properties (as an operator would) below {@link #CUT},
     * so that the cut outlasts every one of them, Kafka Streams' {@code task.timeout.ms} (how long a task may retry
     * before its thread fails; 300 s by default) included, without a cut of more than five minutes: a producer's
     * delivery, a request, a blocked send or metadata call, an admin or consumer API call, a transaction, and the rig's
     * {@code session.timeout.ms} (6 s).
     */
    static final Map<String, String> CLIENT_TIMEOUTS = Map.of(
            "kafka.task.timeout.ms", "60000",
            "kafka.delivery.timeout.ms", "60000",
            "kafka.request.timeout.ms", "20000",
            "kafka.max.block.ms", "30000",
            "kafka.default.api.timeout.ms", "30000",
            "kafka.transaction.timeout.ms", "10000");

    @Test
    void shouldReportNotReadyDuringACutLongerThanTheClientTimeoutsAndRecoverExactlyByItself() throws Exception {
        List<ReleaseAnnouncement> events =
                new SyntheticFeed(FeedSettings.normal(FROM, TO, 50)).stream().toList();
        Instant end = TO.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant heartbeat = end.plus(Duration.ofHours(1));
        try (FaultRig rig = FaultRig.startBehindProxies("net-cut", 4)) {
            GroundTruth truth = new GroundTruth();
            rig.settings.putAll(CLIENT_TIMEOUTS);
            assertThat(CLIENT_TIMEOUTS.values())
                    .allSatisfy(ms ->
                            assertThat(Duration.ofMillis(Long.parseLong(ms))).isLessThan(CUT));
            List<MonitorProcess> instances = List.of(rig.instance("a"), rig.instance("b"));
            FaultRig.Publishing feed = rig.publish(events, 1_000, truth, heartbeat);
            try (CommittedOutput out = rig.output()) {
                out.awaitDaysThrough(
                        FROM.plusDays(10).atStartOfDay(ZoneOffset.UTC).toInstant(), Duration.ofMinutes(5));
                long t0 = System.nanoTime();
                rig.proxies.forEach(TcpProxy::cut);
                Map<String, String> notReady = new LinkedHashMap<>();
                while (System.nanoTime() - t0 < CUT.toNanos()) {
                    for (MonitorProcess p : instances) {
                        p.assertNotDiedOnItsOwn();
                        MonitorProcess.HealthReply r = p.health();
                        if (r.status() == 503 && !notReady.containsKey(p.name)) {
                            notReady.put(p.name, r.body());
                            Timings.log("net-cut", p.name + " not ready: " + r.body(), t0);
                        }
                    }
                    Thread.sleep(2_000);
                }
                rig.proxies.forEach(TcpProxy::heal);
                Timings.log("net-cut", "cut healed", t0);
                assertThat(notReady.keySet())
                        .as("instances that reported not ready during the cut")
                        .containsExactlyInAnyOrder(
                                instances.stream().map(p -> p.name).toArray(String[]::new));
                assertThat(notReady.values())
                        .allSatisfy(body -> assertThat(body)
                                .contains("\"status\":\"DOWN\"")
                                .contains("\"reason\":\"no broker reachable for "));
                out.awaitDaysThrough(end, Duration.ofMinutes(8));
                feed.join();
                Timings.log("net-cut", "all " + events.size() + " events counted after the cut", t0);
                for (MonitorProcess p : instances) {
                    awaitReady(p);
                }
                Timings.log("net-cut", "both instances ready again", t0);
                FaultRig.assertExactDailyCounts(out, truth);
                FaultRig.assertSameAlerts(out.alertLog, ReferenceRun.alerts(rig.settings, events, heartbeat));
            }
        }
    }

    /** Waits until the instance answers 200 on {@code /health}; fails if it dies on its own or takes 2 minutes. */
    private static void awaitReady(MonitorProcess p) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        MonitorProcess.HealthReply r = p.health();
        while (r.status() != 200) {
            p.assertNotDiedOnItsOwn();
            assertThat(System.nanoTime())
                    .as(p.name + " ready again after the cut; last /health: " + r)
                    .isLessThan(deadline);
            Thread.sleep(1_000);
            r = p.health();
        }
    }
}
