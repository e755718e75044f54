package dev.releasewatch.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertCause;
import dev.releasewatch.avro.AlertState;
import dev.releasewatch.avro.ClosedWindow;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.SourceActivity;
import dev.releasewatch.avro.SubjectCount;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The source watch and the causes of drops, on hand-made hours: a mirror that stops raises one SOURCE alert and
 * resolves once when it is back; a drop is INGEST when nothing arrived, SOURCE when one source diverges from the
 * others, SCENE when every live source fell together.
 */
class SourceCausesTest {

    private static final long HOUR = 3_600_000L;
    /** Monday 1 June 2020 00:00 UTC, in epoch hours. */
    private static final long FIRST_HOUR = Instant.parse("2020-06-01T00:00:00Z").toEpochMilli() / HOUR;

    private final InMemorySubjectStore store = new InMemorySubjectStore();

    @Test
    void shouldRaiseOneSourceAlertForAMirrorThatStopsWhileThePrimaryGoesOnAndResolveItWhenItIsBack() {
        DetectionEngine engine = new DetectionEngine(DetectorSettings.defaults(), store);
        List<Alert> alerts = new ArrayList<>();
        long h = FIRST_HOUR;
        for (; h < FIRST_HOUR + 48; h++) {
            alerts.addAll(engine.windowClosed(hour(h, 100, source("primary", 100, 0, h), source("mirror-1", 60, 0, h)))
                    .alerts());
        }
        assertThat(alerts).as("two days of normal hours").isEmpty();
        long lastMirrorHour = h - 1;
        for (; h < FIRST_HOUR + 72; h++) {
            alerts.addAll(engine.windowClosed(hour(h, 100, source("primary", 100, 0, h)))
                    .alerts());
        }
        alerts.addAll(engine.windowClosed(hour(h, 100, source("primary", 100, 0, h), source("mirror-1", 60, 0, h)))
                .alerts());

        assertThat(alerts)
                .extracting(Alert::getState, Alert::getScope, Alert::getSubject, Alert::getCause, Alert::getDetectedAt)
                .containsExactly(
                        tuple(
                                AlertState.FIRING,
                                Scope.SOURCE,
                                "mirror-1",
                                AlertCause.SOURCE,
                                Instant.ofEpochMilli((FIRST_HOUR + 50) * HOUR)),
                        tuple(
                                AlertState.RESOLVED,
                                Scope.SOURCE,
                                "mirror-1",
                                AlertCause.SOURCE,
                                Instant.ofEpochMilli((h + 1) * HOUR)));
        assertThat(alerts.get(0).getAlertId()).isEqualTo(alerts.get(1).getAlertId());
        assertThat(alerts.get(0).getWindowStart()).isEqualTo(Instant.ofEpochMilli((FIRST_HOUR + 48) * HOUR));
        assertThat(alerts.get(0).getSummary())
                .startsWith("source mirror-1 silent: no record and no heartbeat in the 2 hours to ")
                .contains("~115 expected", "last record " + Instant.ofEpochMilli(lastMirrorHour * HOUR + 1000));
        assertThat(alerts.get(1).getResolution()).isEqualTo(AlertComposer.RECOVERED);
    }

    @Test
    void shouldRaiseNoSourceAlertWhenEverySourceStops() {
        DetectionEngine engine = new DetectionEngine(DetectorSettings.defaults(), store);
        List<Alert> alerts = new ArrayList<>();
        long h = FIRST_HOUR;
        for (; h < FIRST_HOUR + 48; h++) {
            alerts.addAll(engine.windowClosed(hour(h, 100, source("primary", 100, 0, h), source("mirror-1", 60, 0, h)))
                    .alerts());
        }
        for (; h < FIRST_HOUR + 60; h++) {
            alerts.addAll(engine.windowClosed(hour(h, 0)).alerts());
        }

        assertThat(alerts).isEmpty();
    }

    @Test
    void shouldCallADropWithNothingFromAnyProducerIngest() {
        SourceWatch watch = learned();
        long h = FIRST_HOUR + 48;
        for (int i = 0; i < 3; i++, h++) {
            watch.hourClosed(h, List.of());
        }

        AlertCauses.Verdict v = AlertCauses.verdict(watch, (h - 3) * HOUR, h * HOUR);

        assertThat(v.cause()).isEqualTo(AlertCause.INGEST);
        assertThat(v.evidence())
                .isEqualTo("INGEST: no record and no heartbeat from any producer since "
                        + Instant.ofEpochMilli((FIRST_HOUR + 47) * HOUR + 1000) + " (3 h, ~480 records usual)");
    }

    @Test
    void shouldCallADropIngestFromTheFirstSilentHourOfALongerSpan() {
        SourceWatch watch = learned();
        long h = FIRST_HOUR + 48;
        watch.hourClosed(h, List.of());

        AlertCauses.Verdict v = AlertCauses.verdict(watch, (h - 1) * HOUR, (h + 1) * HOUR);

        assertThat(v.cause()).as("the span's first hour was normal").isEqualTo(AlertCause.INGEST);
        assertThat(v.evidence()).endsWith(" (1 h, ~160 records usual)");
    }

    @Test
    void shouldCallADropWithOnlyHeartbeatsAScene() {
        SourceWatch watch = learned();
        long h = FIRST_HOUR + 48;
        watch.hourClosed(h, List.of(source("primary", 0, 6, h)));

        AlertCauses.Verdict v = AlertCauses.verdict(watch, h * HOUR, (h + 1) * HOUR);

        assertThat(v.cause())
                .as("a producer that says it is alive: the scene is quiet")
                .isEqualTo(AlertCause.SCENE);
    }

    @Test
    void shouldNameTheSourceThatDivergesFromTheOthers() {
        SourceWatch watch = learned();
        long h = FIRST_HOUR + 48;
        for (int i = 0; i < 3; i++, h++) {
            watch.hourClosed(h, List.of(source("mirror-1", 60, 0, h)));
        }

        AlertCauses.Verdict v = AlertCauses.verdict(watch, (h - 3) * HOUR, h * HOUR);

        assertThat(v.cause()).isEqualTo(AlertCause.SOURCE);
        assertThat(v.evidence())
                .isEqualTo("SOURCE: primary sent 0 records in the 3 h (~282 expected from the others' activity), "
                        + "last record " + Instant.ofEpochMilli((FIRST_HOUR + 47) * HOUR + 1000)
                        + "; others: mirror-1 180 (usual ~180)");
    }

    @Test
    void shouldCallADropEverySourceSawASceneWithEachSourcesFigures() {
        SourceWatch watch = learned();
        long h = FIRST_HOUR + 48;
        for (int i = 0; i < 2; i++, h++) {
            watch.hourClosed(h, List.of(source("primary", 10, 0, h), source("mirror-1", 5, 0, h)));
        }

        AlertCauses.Verdict v = AlertCauses.verdict(watch, (h - 2) * HOUR, h * HOUR);

        assertThat(v.cause()).isEqualTo(AlertCause.SCENE);
        assertThat(v.evidence())
                .isEqualTo("SCENE: every live source saw it: mirror-1 10 (usual ~115), primary 20 (usual ~193)");
    }

    @Test
    void shouldLeaveTheCauseUnspecifiedWhenNoSourceWasEverReported() {
        SourceWatch watch = SourceWatch.load(store);
        watch.hourClosed(FIRST_HOUR, List.of());

        assertThat(AlertCauses.verdict(watch, FIRST_HOUR * HOUR, (FIRST_HOUR + 1) * HOUR)
                        .cause())
                .isEqualTo(AlertCause.UNSPECIFIED);
    }

    @Test
    void shouldKeepItsStateThroughTheStore() {
        SourceWatch watch = learned();
        watch.saveIfChanged(store);

        SourceWatch again = SourceWatch.load(store);

        assertThat(again.newestHour()).isEqualTo(FIRST_HOUR + 47);
        assertThat(again.sources()).containsOnlyKeys("primary", "mirror-1");
        assertThat(again.sources().get("mirror-1").usual)
                .isEqualTo(watch.sources().get("mirror-1").usual);
        assertThat(again.sources().get("mirror-1").activity(FIRST_HOUR + 47)).isEqualTo(60);
    }

    /** Two days of a primary sending 100 records an hour and a mirror 60. */
    private SourceWatch learned() {
        SourceWatch watch = SourceWatch.load(store);
        for (long h = FIRST_HOUR; h < FIRST_HOUR + 48; h++) {
            watch.hourClosed(h, List.of(source("primary", 100, 0, h), source("mirror-1", 60, 0, h)));
        }
        return watch;
    }

    private static SourceActivity source(String name, long announcements, long heartbeats, long epochHour) {
        return new SourceActivity(
                name, announcements, announcements / 2, heartbeats, Instant.ofEpochMilli(epochHour * HOUR + 1000));
    }

    private static ClosedWindow hour(long epochHour, long total, SourceActivity... sources) {
        return new ClosedWindow(
                Granularity.HOUR,
                Instant.ofEpochMilli(epochHour * HOUR),
                Instant.ofEpochMilli((epochHour + 1) * HOUR),
                List.of(new SubjectCount(Scope.TOTAL, "*", total)),
                List.of(),
                List.of(),
                List.of(sources));
    }
}
