package dev.releasewatch.faults;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.feed.synth.FeedSettings;
import dev.releasewatch.feed.synth.SyntheticFeed;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault (b): the broker leading the counts partition (where every transaction of the detecting task commits) is
 * stopped while the feed streams in and two instances count it, then started again. With replication factor 3 and
 * {@code min.insync.replicas} 2 the other two brokers carry on: the producer and the monitors move to the new
 * leaders, nothing is lost or doubled, and the restarted broker catches up.
 */
@Tag("faults")
@Timeout(900)
class LeaderBrokerFaultIT {

    static final LocalDate FROM = LocalDate.of(2020, 6, 1);
    static final LocalDate TO = LocalDate.of(2020, 7, 15);

    @Test
    void shouldCountExactlyWhileThePartitionLeadersBrokerIsDownAndAfterItReturns() throws Exception {
        List<ReleaseAnnouncement> events =
                new SyntheticFeed(FeedSettings.normal(FROM, TO, 20)).stream().toList();
        Instant end = TO.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant heartbeat = end.plus(Duration.ofHours(1));
        try (FaultRig rig = FaultRig.start("leader-down", 4)) {
            GroundTruth truth = new GroundTruth();
            MonitorProcess a = rig.instance("a");
            MonitorProcess b = rig.instance("b");
            FaultRig.Publishing feed = rig.publish(events, 1_000, truth, heartbeat);
            try (CommittedOutput out = rig.output()) {
                out.awaitDaysThrough(
                        FROM.plusDays(12).atStartOfDay(ZoneOffset.UTC).toInstant(), Duration.ofMinutes(5));
                String counts = rig.config.topics().counts();
                int leader = rig.cluster.leaderOf(counts, 0);
                assertThat(leader).isPositive();
                long t0 = System.nanoTime();
                rig.cluster.stopNode(leader);
                Timings.log("leader-down", "broker " + leader + " (leader of " + counts + "-0) stopped", t0);
                long downAt = out.lastDayEnd();
                long t1 = System.nanoTime();
                out.awaitDaysThrough(Instant.ofEpochMilli(downAt).plus(Duration.ofDays(5)), Duration.ofMinutes(4));
                Timings.log("leader-down", "5 more days counted without broker " + leader, t1);
                assertThat(out.lastDayEnd()).as("the broker returns mid-stream").isLessThan(end.toEpochMilli());
                long t2 = System.nanoTime();
                rig.cluster.startNode(leader);
                Timings.log("leader-down", "broker " + leader + " started again", t2);
                out.awaitDaysThrough(end, Duration.ofMinutes(6));
                feed.join();
                Timings.log("leader-down", "all " + events.size() + " events counted", t0);
                assertThat(a.alive() && b.alive()).as("both instances survive").isTrue();
                FaultRig.assertExactDailyCounts(out, truth);
                FaultRig.assertSameAlerts(out.alertLog, ReferenceRun.alerts(rig.settings, events, heartbeat));
            }
        }
    }
}
