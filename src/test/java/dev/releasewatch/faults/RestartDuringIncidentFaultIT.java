package dev.releasewatch.faults;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertState;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.feed.synth.Scenarios;
import dev.releasewatch.feed.synth.SyntheticFeed;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault (c): every instance is killed (SIGKILL) while an incident is open, MP3's source broken from Wed 22 Jul 2020
 * 15:00 for four days, and started again on its own disk. The open incident is restored from the detector's
 * changelog: it is not announced again, its later severity steps and its single RESOLVED come as in a fault-free run.
 */
@Tag("faults")
@Timeout(900)
class RestartDuringIncidentFaultIT {

    static final LocalDate FROM = LocalDate.of(2020, 6, 15);
    static final LocalDate TO = LocalDate.of(2020, 8, 5);
    static final Instant PAUSE = Instant.parse("2020-07-24T06:00:00Z");

    @Test
    void shouldNeitherReannounceNorLoseAnOpenIncidentWhenAllInstancesRestart() throws Exception {
        SyntheticFeed feed =
                new SyntheticFeed(Scenarios.sectionOutage().settings().withRange(FROM, TO));
        List<ReleaseAnnouncement> events = feed.stream().toList();
        List<ReleaseAnnouncement> before =
                events.stream().filter(e -> e.getTime().isBefore(PAUSE)).toList();
        List<ReleaseAnnouncement> after =
                events.stream().filter(e -> !e.getTime().isBefore(PAUSE)).toList();
        Instant end = TO.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant heartbeat = end.plus(Duration.ofHours(1));
        try (FaultRig rig = FaultRig.start("incident-restart", 4)) {
            GroundTruth truth = new GroundTruth();
            MonitorProcess a = rig.instance("a");
            MonitorProcess b = rig.instance("b");
            long published = System.nanoTime();
            rig.publish(before, 0, truth, null).join();
            Timings.log(
                    "incident-restart", "published " + before.size() + " of " + events.size() + " events", published);
            try (CommittedOutput out = rig.output()) {
                long t0 = System.nanoTime();
                Alert firing = out.awaitAlert(
                        x -> x.getScope() == Scope.CATEGORY
                                && x.getSubject().equals("MP3")
                                && x.getState() == AlertState.FIRING,
                        Duration.ofMinutes(6));
                Timings.log("incident-restart", "MP3 incident " + firing.getAlertId() + " firing", t0);
                a.kill9();
                b.kill9();
                long t1 = System.nanoTime();
                rig.instance("a");
                rig.instance("b");
                rig.publish(after, 0, truth, heartbeat).join();
                out.awaitDaysThrough(end, Duration.ofMinutes(8));
                Timings.log("incident-restart", "restarted instances finished the feed", t1);
                List<Alert> mine = out.alertLog.stream()
                        .filter(x -> x.getAlertId().equals(firing.getAlertId()))
                        .toList();
                assertThat(mine.stream().filter(x -> x.getState() == AlertState.RESOLVED))
                        .as("the incident resolves once")
                        .hasSize(1);
                FaultRig.assertExactDailyCounts(out, truth);
                FaultRig.assertSameAlerts(out.alertLog, ReferenceRun.alerts(rig.settings, events, heartbeat));
            }
        }
    }
}
