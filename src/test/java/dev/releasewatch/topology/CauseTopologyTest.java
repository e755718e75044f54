package dev.releasewatch.topology;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertCause;
import dev.releasewatch.avro.AlertState;
import dev.releasewatch.avro.Direction;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.feed.synth.FactorCurve;
import dev.releasewatch.feed.synth.FeedEffect;
import dev.releasewatch.feed.synth.FeedSettings;
import dev.releasewatch.feed.synth.Mirrors;
import dev.releasewatch.feed.synth.SyntheticFeed;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Issue 9 part 6 through the topology (TopologyTestDriver): a mirror that stops raises its own SOURCE alert, once,
 * resolved once when it is back, and nothing else; a feed whose every source stops gets an INGEST drop; a collapse that
 * a primary and its mirror both announce gets a SCENE drop.
 */
class CauseTopologyTest {

    private static final Instant START = Instant.parse("2020-06-01T00:00:00Z");
    /** Wednesday 29 July 2020, eight weeks into the feeds below. */
    private static final LocalDate INCIDENT_DAY = LocalDate.of(2020, 7, 29);

    @Test
    void aMirrorThatStopsRaisesOneSourceAlertNamingItAndNoSceneAlert() {
        Instant silentFrom = START.plus(Duration.ofHours(48));
        Instant silentTo = silentFrom.plus(Duration.ofHours(6));
        Instant lastMirrored = null;
        try (TopologyFixture f = new TopologyFixture()) {
            for (int i = 0; i < 56 * 30; i++) {
                Instant t = START.plus(Duration.ofMinutes(2L * i));
                String name = "Some.Show.S01E" + i + ".1080p.WEB.h264-GRP";
                f.release(name, "TV-X264", t.toString(), "primary");
                Instant copy = t.plusSeconds(60);
                if (copy.isBefore(silentFrom) || !copy.isBefore(silentTo)) {
                    f.release(name, "TV-X264", copy.toString(), "mirror-1");
                    if (copy.isBefore(silentFrom)) {
                        // a source's activity is timed as counted, never past the front (here the primary's stamp)
                        lastMirrored = t;
                    }
                }
            }
            f.heartbeat(START.plus(Duration.ofHours(58)).toString());
            List<Alert> alerts = f.alerts.readValuesToList();

            assertThat(alerts)
                    .extracting(
                            Alert::getState,
                            Alert::getScope,
                            Alert::getSubject,
                            Alert::getCause,
                            Alert::getWindowStart,
                            Alert::getDetectedAt)
                    .containsExactly(
                            tuple(
                                    AlertState.FIRING,
                                    Scope.SOURCE,
                                    "mirror-1",
                                    AlertCause.SOURCE,
                                    silentFrom,
                                    silentFrom.plus(Duration.ofHours(2))),
                            tuple(
                                    AlertState.RESOLVED,
                                    Scope.SOURCE,
                                    "mirror-1",
                                    AlertCause.SOURCE,
                                    silentTo,
                                    silentTo.plus(Duration.ofHours(1))));
            assertThat(alerts.get(0).getSummary()).contains("source mirror-1 silent", "last record " + lastMirrored);
            assertThat(alerts.get(1).getAlertId()).isEqualTo(alerts.get(0).getAlertId());
            assertThat(f.registry
                            .find(TopologyMetrics.SOURCE_ANNOUNCEMENTS)
                            .tag("source", "mirror-1")
                            .tag("kind", "duplicate")
                            .counter()
                            .count())
                    .isEqualTo(56 * 30 - 6 * 30);
        }
    }

    @Test
    void aFeedWhoseEverySourceStopsIsAnIngestDrop() {
        Instant gap = INCIDENT_DAY.atTime(9, 0).toInstant(ZoneOffset.UTC);
        Alert first = firstFeedDrop(FeedSettings.normal(LocalDate.of(2020, 6, 1), INCIDENT_DAY, 42)
                .withMirrors(Mirrors.typical(1))
                .withEffects(List.of(new FeedEffect.ScaleAll(FactorCurve.builder()
                        .stepAt(gap, 0)
                        .stepAt(gap.plus(Duration.ofHours(5)), 1)
                        .build()))));

        assertThat(first.getDetectedAt()).isBetween(gap, gap.plus(Duration.ofHours(2)));
        assertThat(first.getCause()).isEqualTo(AlertCause.INGEST);
        assertThat(first.getSummary())
                .contains("INGEST: no record and no heartbeat from any producer since 2020-07-29T08:");
    }

    @Test
    void aCollapseThatEverySourceSeesIsASceneDrop() {
        Instant collapse = INCIDENT_DAY.atTime(10, 0).toInstant(ZoneOffset.UTC);
        Alert first = firstFeedDrop(FeedSettings.normal(LocalDate.of(2020, 6, 1), INCIDENT_DAY, 42)
                .withMirrors(Mirrors.typical(1))
                .withEffects(List.of(new FeedEffect.SceneLevel(
                        FactorCurve.builder().stepAt(collapse, 0.1).build()))));

        assertThat(first.getDetectedAt()).isBetween(collapse, collapse.plus(Duration.ofHours(6)));
        assertThat(first.getCause()).isEqualTo(AlertCause.SCENE);
        assertThat(first.getSummary()).contains("SCENE: every live source saw it: mirror-1 ", ", synthetic ");
    }

    /** Replays the feed and returns its first FIRING drop of the whole feed, the only one in it. */
    private static Alert firstFeedDrop(FeedSettings settings) {
        try (TopologyFixture f = new TopologyFixture()) {
            for (ReleaseAnnouncement a : new SyntheticFeed(settings)) {
                f.send(a);
            }
            f.heartbeat(INCIDENT_DAY
                    .plusDays(1)
                    .atTime(1, 0)
                    .toInstant(ZoneOffset.UTC)
                    .toString());
            List<Alert> feed = f.alerts.readValuesToList().stream()
                    .filter(a -> a.getScope() == Scope.TOTAL
                            && a.getState() == AlertState.FIRING
                            && a.getDirection() == Direction.DROP)
                    .toList();
            assertThat(feed).isNotEmpty();
            assertThat(feed)
                    .extracting(Alert::getAlertId)
                    .containsOnly(feed.get(0).getAlertId());
            return feed.get(0);
        }
    }
}
