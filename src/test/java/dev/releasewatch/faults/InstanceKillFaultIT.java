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
 * Fault (a): two instances share a backfill and one is killed with SIGKILL in the middle of it. The survivor takes
 * over the dead one's tasks (their state restored from the changelogs, the open transaction aborted), and every day is
 * published once with its exact counts and the alerts of a fault-free run.
 */
@Tag("faults")
@Timeout(900)
class InstanceKillFaultIT {

    static final LocalDate FROM = LocalDate.of(2020, 6, 1);
    static final LocalDate TO = LocalDate.of(2020, 8, 31);
    /** Three times the synthetic feed's usual volume: the issue asks for a backfill of at least 500,000 events. */
    static final double VOLUME = 3.1;

    static final int MIN_EVENTS = 500_000;

    @Test
    void shouldFinishTheBackfillExactlyOnTheSurvivorWhenOneOfTwoInstancesIsKilled() throws Exception {
        List<ReleaseAnnouncement> events = new SyntheticFeed(
                        FeedSettings.normal(FROM, TO, 10).withVolume(VOLUME))
                .stream().toList();
        assertThat(events).as("backfill size").hasSizeGreaterThanOrEqualTo(MIN_EVENTS);
        Instant end = TO.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant heartbeat = end.plus(Duration.ofHours(1));
        try (FaultRig rig = FaultRig.start("kill-one", 4)) {
            GroundTruth truth = new GroundTruth();
            long t0 = System.nanoTime();
            // The feed arrives in two parts, the second only after the kill, so the kill lands mid-backfill however
            // fast the machine is.
            Instant cut = FROM.plusDays(45).atStartOfDay(ZoneOffset.UTC).toInstant();
            rig.publish(before(events, cut), 0, truth, null).join();
            Timings.log("kill-one", "published the first 45 days", t0);
            MonitorProcess a = rig.instance("a");
            MonitorProcess b = rig.instance("b");
            try (CommittedOutput out = rig.output()) {
                long t1 = System.nanoTime();
                out.awaitDaysThrough(
                        FROM.plusDays(40).atStartOfDay(ZoneOffset.UTC).toInstant(), Duration.ofMinutes(6));
                assertThat(out.lastDayEnd()).as("the kill lands mid-backfill").isLessThan(end.toEpochMilli());
                Timings.log("kill-one", "40 days counted, killing instance a", t1);
                a.kill9();
                rig.publish(from(events, cut), 0, truth, heartbeat).join();
                long t2 = System.nanoTime();
                out.awaitDaysThrough(end, Duration.ofMinutes(8));
                Timings.log("kill-one", "survivor finished the backfill of " + events.size() + " events", t2);
                assertThat(b.alive()).as("the survivor is still running").isTrue();
                FaultRig.assertExactDailyCounts(out, truth);
                FaultRig.assertSameAlerts(out.alertLog, ReferenceRun.alerts(rig.settings, events, heartbeat));
            }
        }
    }

    /** The events stamped before {@code cut}, in feed order. */
    static List<ReleaseAnnouncement> before(List<ReleaseAnnouncement> events, Instant cut) {
        return events.stream().filter(a -> a.getTime().isBefore(cut)).toList();
    }

    /** The events stamped at or after {@code cut}, in feed order. */
    static List<ReleaseAnnouncement> from(List<ReleaseAnnouncement> events, Instant cut) {
        return events.stream().filter(a -> !a.getTime().isBefore(cut)).toList();
    }
}
