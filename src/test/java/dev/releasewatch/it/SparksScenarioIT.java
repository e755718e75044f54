package dev.releasewatch.it;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.releasewatch.app.MonitorRuntime;
import dev.releasewatch.app.ReplaySession;
import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertState;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.feed.SectionClassifier;
import dev.releasewatch.feed.synth.Scenarios;
import dev.releasewatch.feed.synth.SyntheticFeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's story end to end on a real broker: the synthetic SPARKS 2020 feed goes through the producer,
 * the topology and the alerts topic. The collapse is flagged on 25 or 26 Aug, GAMES and EBOOK and the
 * SPARKS group fire, nothing fires in the normal weeks before, and the daily counts are exact.
 */
@Timeout(600)
class SparksScenarioIT extends RealBrokerTest {

    private static final Instant RAID_EVE = Instant.parse("2020-08-25T00:00:00Z");

    @Test
    void shouldFlagTheSparksCollapseAndStayQuietBeforeIt() throws Exception {
        SyntheticFeed feed = Scenarios.sparks2020().feed();
        AppConfig config = config("sparks-it").load();
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        Map<LocalDate, Long> totals = new ConcurrentHashMap<>();
        try (MonitorRuntime runtime =
                MonitorRuntime.start(config, SectionClassifier.defaults(), List.of(alerts::add), List.of(c -> {
                    if (c.getScope() == Scope.TOTAL && c.getGranularity() == Granularity.DAY) {
                        totals.put(c.getWindowStart().atZone(ZoneOffset.UTC).toLocalDate(), c.getCount());
                    }
                }))) {
            ReplaySession.Result result =
                    ReplaySession.replay(runtime, feed.iterator(), "sparks-it", null, Duration.ofMinutes(8));
            assertThat(result.completed()).isTrue();
            assertThat(result.published()).isEqualTo(feed.size());
        }

        for (String day : List.of("2020-08-19", "2020-08-25", "2020-08-26", "2020-09-01", "2020-10-31")) {
            LocalDate date = LocalDate.parse(day);
            assertThat(totals.get(date))
                    .as("releases on " + day)
                    .isEqualTo(feed.dailyTotals().get(date).longValue());
        }
        assertThat(totals.get(LocalDate.parse("2020-08-19"))).isEqualTo(1944L);
        assertThat(totals.get(LocalDate.parse("2020-08-26"))).isEqualTo(168L);

        List<Alert> firing =
                alerts.stream().filter(a -> a.getState() == AlertState.FIRING).toList();
        assertThat(firing)
                .as("FIRING alerts before 25 Aug")
                .noneMatch(a -> a.getDetectedAt().isBefore(RAID_EVE));

        Alert total = firing.stream()
                .filter(a -> a.getScope() == Scope.TOTAL)
                .findFirst()
                .orElseThrow();
        assertThat(total.getDetectedAt()).isBetween(RAID_EVE, Instant.parse("2020-08-27T00:00:00Z"));
        assertThat(firstFiring(firing, Scope.CATEGORY, "GAMES").getDetectedAt())
                .isBefore(Instant.parse("2020-08-28T00:00:00Z"));
        assertThat(firstFiring(firing, Scope.CATEGORY, "EBOOK").getDetectedAt())
                .isBefore(Instant.parse("2020-08-28T00:00:00Z"));
        assertThat(firstFiring(firing, Scope.GROUP, "SPARKS").getDetectedAt())
                .isBefore(Instant.parse("2020-08-29T00:00:00Z"));
        assertThat(alerts).allSatisfy(a -> assertThat(a.getSummary()).isNotBlank());
    }

    private static Alert firstFiring(List<Alert> firing, Scope scope, String subject) {
        return firing.stream()
                .filter(a -> a.getScope() == scope && a.getSubject().equals(subject))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no FIRING alert for " + scope + " " + subject));
    }
}
