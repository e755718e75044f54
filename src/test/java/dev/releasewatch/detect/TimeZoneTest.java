package dev.releasewatch.detect;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.ClosedWindow;
import dev.releasewatch.avro.Scope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Windows aligned to Europe/Berlin (UTC+2 in summer): days, weekdays and hours must be Berlin's, not UTC's. */
class TimeZoneTest {

    /** The simulated feed moved two hours earlier, so its local midnight is Berlin's midnight. */
    private static List<ClosedWindow> berlin(FeedSimulator.Scenario scenario, LocalDate to) {
        List<ClosedWindow> shifted = new ArrayList<>();
        for (ClosedWindow w : new FeedSimulator(9, scenario).run(LocalDate.of(2020, 6, 1), to)) {
            shifted.add(new ClosedWindow(
                    w.getGranularity(),
                    w.getWindowStart().minus(Duration.ofHours(2)),
                    w.getWindowEnd().minus(Duration.ofHours(2)),
                    w.getCounts(),
                    w.getContributions(),
                    w.getNukes(),
                    w.getSources()));
        }
        return shifted;
    }

    @Test
    void daysAndHoursFollowTheConfiguredZone() {
        DetectorSettings settings = DetectorSettings.fromProperties(Map.of("detector.zone", "Europe/Berlin"));
        DetectionEngine engine = new DetectionEngine(settings, new InMemorySubjectStore());
        List<Alert> alerts = new ArrayList<>();
        List<ClosedWindow> windows = berlin(new SparksScenario(), LocalDate.of(2020, 8, 27));
        for (ClosedWindow w : windows) {
            alerts.addAll(engine.windowClosed(w).alerts());
        }

        assertThat(alerts)
                .filteredOn(a -> a.getDetectedAt()
                        .isBefore(SparksScenario.RAID
                                .atStartOfDay()
                                .toInstant(ZoneOffset.UTC)
                                .minus(Duration.ofHours(2))))
                .as("quiet before the raid")
                .isEmpty();
        Alert games = alerts.stream()
                .filter(a -> a.getScope() == Scope.CATEGORY && a.getSubject().equals("GAMES"))
                .findFirst()
                .orElseThrow();
        assertThat(games.getDetectedAt()).isBefore(Instant.parse("2020-08-25T22:00:00Z"));
        assertThat(games.getSummary()).contains("2020-08-25");
        assertThat(games.getBaseline()).as("Berlin's Tuesday").contains("Tue factor");
    }
}
