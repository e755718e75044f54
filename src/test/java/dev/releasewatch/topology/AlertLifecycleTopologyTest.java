package dev.releasewatch.topology;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertState;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.feed.synth.FeedSettings;
import dev.releasewatch.feed.synth.Scenarios;
import dev.releasewatch.feed.synth.SyntheticFeed;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alert emission and resolution through the topology (TopologyTestDriver): the SPARKS feed of June to
 * October 2020 goes in, the alerts topic must carry the feed-wide drop on 25 Aug, no FIRING before it,
 * and RESOLVED records that close incidents opened earlier, under the same alert id.
 */
class AlertLifecycleTopologyTest {

    @Test
    void shouldEmitTheCollapseAndLaterResolveIncidentsUnderTheSameIds() {
        FeedSettings settings = Scenarios.sparks2020().settings();
        SyntheticFeed feed = new SyntheticFeed(settings);
        try (TopologyFixture f = new TopologyFixture()) {
            for (ReleaseAnnouncement a : feed) {
                f.send(a);
            }
            f.heartbeat(LocalDate.of(2020, 11, 1)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant()
                    .plusSeconds(3600)
                    .toString());
            List<Alert> alerts = f.alerts.readValuesToList();

            List<Alert> firing = alerts.stream()
                    .filter(a -> a.getState() == AlertState.FIRING)
                    .toList();
            assertThat(firing).noneMatch(a -> a.getDetectedAt().isBefore(Instant.parse("2020-08-25T00:00:00Z")));
            Alert total = firing.stream()
                    .filter(a -> a.getScope() == Scope.TOTAL)
                    .findFirst()
                    .orElseThrow();
            assertThat(total.getDetectedAt())
                    .isBetween(Instant.parse("2020-08-25T00:00:00Z"), Instant.parse("2020-08-26T00:00:00Z"));
            assertThat(total.getAffectedSubjects()).isNotEmpty();
            assertThat(total.getSummary()).isNotBlank();

            Set<String> opened = firing.stream().map(Alert::getAlertId).collect(Collectors.toSet());
            List<Alert> resolved = alerts.stream()
                    .filter(a -> a.getState() == AlertState.RESOLVED)
                    .toList();
            assertThat(resolved).isNotEmpty();
            assertThat(resolved).allSatisfy(r -> {
                assertThat(opened).contains(r.getAlertId());
                assertThat(r.getResolution()).isIn("RECOVERED", "NEW_LEVEL_LEARNED", "NEW_NORMAL_ACCEPTED");
            });
            assertThat(resolved.stream().map(Alert::getAlertId).distinct().count())
                    .as("one RESOLVED per incident")
                    .isEqualTo(resolved.size());
        }
    }
}
