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
 * Fault (e): during a backfill a second instance joins (tasks move to it) and then the first leaves with an orderly
 * stop (its tasks move to the newcomer). Each move commits or aborts a transaction and restores state elsewhere;
 * the counts stay exact and the alerts are those of a fault-free run.
 */
@Tag("faults")
@Timeout(900)
class JoinLeaveFaultIT {

    static final LocalDate FROM = LocalDate.of(2020, 6, 1);
    static final LocalDate TO = LocalDate.of(2020, 7, 15);

    @Test
    void shouldCountExactlyWhenAnInstanceJoinsAndAnotherLeavesDuringABackfill() throws Exception {
        List<ReleaseAnnouncement> events =
                new SyntheticFeed(FeedSettings.normal(FROM, TO, 30)).stream().toList();
        Instant end = TO.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant heartbeat = end.plus(Duration.ofHours(1));
        try (FaultRig rig = FaultRig.start("join-leave", 4)) {
            GroundTruth truth = new GroundTruth();
            // The feed arrives in three parts, each after the instance change it must overlap, so the join and
            // the leave land mid-backfill however fast the machine is.
            Instant firstCut = FROM.plusDays(12).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant secondCut = FROM.plusDays(33).atStartOfDay(ZoneOffset.UTC).toInstant();
            List<ReleaseAnnouncement> first = InstanceKillFaultIT.before(events, firstCut);
            List<ReleaseAnnouncement> rest = InstanceKillFaultIT.from(events, firstCut);
            rig.publish(first, 0, truth, null).join();
            MonitorProcess a = rig.instance("a");
            try (CommittedOutput out = rig.output()) {
                long t0 = System.nanoTime();
                out.awaitDaysThrough(
                        FROM.plusDays(10).atStartOfDay(ZoneOffset.UTC).toInstant(), Duration.ofMinutes(5));
                MonitorProcess b = rig.instance("b");
                rig.publish(InstanceKillFaultIT.before(rest, secondCut), 0, truth, null)
                        .join();
                Timings.log("join-leave", "10 days counted by a alone, b joins", t0);
                awaitTaskGaugesAddUp(
                        a,
                        b,
                        rig.config.topics().partitions(),
                        rig.config.topics().detectPartitions());
                out.awaitDaysThrough(
                        FROM.plusDays(30).atStartOfDay(ZoneOffset.UTC).toInstant(), Duration.ofMinutes(5));
                assertThat(out.lastDayEnd()).as("a leaves mid-backfill").isLessThan(end.toEpochMilli());
                long t1 = System.nanoTime();
                a.stop();
                rig.publish(InstanceKillFaultIT.from(rest, secondCut), 0, truth, heartbeat)
                        .join();
                Timings.log("join-leave", "a stopped (SIGTERM)", t1);
                out.awaitDaysThrough(end, Duration.ofMinutes(6));
                Timings.log("join-leave", "backfill of " + events.size() + " events finished on b", t0);
                assertThat(b.alive()).isTrue();
                FaultRig.assertExactDailyCounts(out, truth);
                FaultRig.assertSameAlerts(out.alertLog, ReferenceRun.alerts(rig.settings, events, heartbeat));
            }
        }
    }

    /**
     * Waits until {@code releasewatch_active_tasks} of the two instances adds up to the assignment: every counting
     * task on one of them, and every detecting task (one per detect partition)
     * on one. This is what the health rules join on so that an
     * instance the tasks left raises no alert (docker/prometheus/rules.test.yml proves the rules). How the tasks are
     * split is logged: Kafka Streams may keep them on the first instance while the newcomer warms up.
     */
    private static void awaitTaskGaugesAddUp(MonitorProcess a, MonitorProcess b, int partitions, int detectPartitions)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        String seen = "";
        while (System.nanoTime() < deadline) {
            double countA = a.metric("releasewatch_active_tasks{role=\"count\"}");
            double countB = b.metric("releasewatch_active_tasks{role=\"count\"}");
            double detect = a.metric("releasewatch_active_tasks{role=\"detect\"}")
                    + b.metric("releasewatch_active_tasks{role=\"detect\"}");
            seen = "count a " + countA + ", count b " + countB + ", detect " + detect;
            if (countA >= 0 && countB >= 0 && countA + countB == partitions && detect == detectPartitions) {
                System.out.println("FAULT-TIMING join-leave: active tasks " + seen + " in 0 ms");
                return;
            }
            a.assertNotDiedOnItsOwn();
            b.assertNotDiedOnItsOwn();
            Thread.sleep(1_000);
        }
        throw new AssertionError("active task gauges do not add up within 3 minutes; last: " + seen);
    }
}
