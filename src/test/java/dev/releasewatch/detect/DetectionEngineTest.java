package dev.releasewatch.detect;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertState;
import dev.releasewatch.avro.ClosedWindow;
import dev.releasewatch.avro.Contributor;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.WindowCount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DetectionEngineTest {

    private static final LocalDate START = LocalDate.of(2020, 6, 1);
    private static final Instant RAID_START = Instant.parse("2020-08-25T00:00:00Z");

    private record Run(List<Alert> alerts, List<WindowCount> counts) {
        List<Alert> firing(Scope scope, String subject) {
            return alerts.stream()
                    .filter(a -> a.getState() == AlertState.FIRING
                            && a.getScope() == scope
                            && a.getSubject().equals(subject))
                    .toList();
        }
    }

    private static Run run(List<ClosedWindow> windows, DetectionEngine engine) {
        List<Alert> alerts = new ArrayList<>();
        List<WindowCount> counts = new ArrayList<>();
        for (ClosedWindow w : windows) {
            WindowOutcome o = engine.windowClosed(w);
            alerts.addAll(o.alerts());
            counts.addAll(o.counts());
        }
        return new Run(alerts, counts);
    }

    /** Runs of the SPARKS scenario with default settings, shared by the tests that only read them. */
    private static final Map<String, Run> SPARKS_RUNS = new ConcurrentHashMap<>();

    private static Run sparks(long seed, LocalDate to) {
        return SPARKS_RUNS.computeIfAbsent(seed + "/" + to, k -> {
            List<ClosedWindow> windows = new FeedSimulator(seed, new SparksScenario()).run(START, to);
            return run(windows, new DetectionEngine(DetectorSettings.defaults(), new InMemorySubjectStore()));
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void ordinaryWeeksIncludingWeekendsRaiseNoAlert(long seed) {
        List<ClosedWindow> windows =
                new FeedSimulator(seed, FeedSimulator.Scenario.NORMAL).run(START, LocalDate.of(2020, 8, 20));
        Run r = run(windows, new DetectionEngine(DetectorSettings.defaults(), new InMemorySubjectStore()));

        assertThat(r.alerts).as("alerts on an ordinary June-August").isEmpty();
        assertThat(r.counts)
                .filteredOn(c ->
                        c.getScope() == Scope.TOTAL && c.getGranularity() == Granularity.DAY && c.getExpected() != null)
                .as("the feed has a baseline after warm-up")
                .hasSizeGreaterThan(60);
    }

    @Test
    void feedCollapseIsFlaggedFromHourlyWindowsWithinSixHours() {
        Run r = sparks(7, LocalDate.of(2020, 8, 31));

        List<Alert> feed = r.firing(Scope.TOTAL, "*");
        assertThat(feed).isNotEmpty();
        Alert first = feed.get(0);
        assertThat(first.getGranularity()).isEqualTo(Granularity.HOUR);
        assertThat(first.getDetectedAt()).isAfter(RAID_START).isBeforeOrEqualTo(RAID_START.plus(Duration.ofHours(6)));
        assertThat(first.getObserved()).isLessThan((long) (0.6 * first.getExpected()));
        assertThat(first.getSummary()).startsWith("feed: ").contains("expected ~");
        assertThat(first.getAffectedSubjects()).hasSizeGreaterThanOrEqualTo(5).contains("X264");
        assertThat(first.getMissingContributors()).isNotEmpty();
        assertThat(r.alerts)
                .filteredOn(a -> a.getState() == AlertState.FIRING)
                .allSatisfy(a -> assertThat(a.getDetectedAt()).isAfter(RAID_START));
    }

    @Test
    void silentSectionsAndGroupsFireAndCarryTheFeedWideIncident() {
        Run r = sparks(7, LocalDate.of(2020, 8, 31));
        Instant endOf26 = Instant.parse("2020-08-27T00:00:00Z");
        String feedId = r.firing(Scope.TOTAL, "*").get(0).getAlertId();

        for (String section : List.of("GAMES", "EBOOK")) {
            List<Alert> a = r.firing(Scope.CATEGORY, section);
            assertThat(a).as(section).isNotEmpty();
            assertThat(a.get(0).getDetectedAt()).isBeforeOrEqualTo(endOf26);
            assertThat(a.get(0).getIncidentId()).isEqualTo(feedId);
        }
        Alert sparks = r.firing(Scope.GROUP, "SPARKS").get(0);
        assertThat(sparks.getDetectedAt()).isBeforeOrEqualTo(endOf26);
        assertThat(sparks.getSummary())
                .startsWith("group SPARKS silent: 0 releases in the ")
                .contains("hours to 2020-08-2");
        assertThat(sparks.getGranularity())
                .as("found by the hourly silence watch")
                .isEqualTo(Granularity.HOUR);
        Alert geckos = r.firing(Scope.GROUP, "GECKOS").get(0);
        assertThat(geckos.getDetectedAt())
                .as("a bursty 6/day group (dispersion ~0.3) silent is flagged within 7 days")
                .isBeforeOrEqualTo(RAID_START.plus(Duration.ofDays(7)));
    }

    @Test
    void anHourlyCategoryDropNamesTheWatchedGroupsSilentSinceItBegan() {
        Run r = sparks(7, LocalDate.of(2020, 8, 31));
        Alert x264 = r.alerts.stream()
                .filter(a -> a.getScope() == Scope.CATEGORY
                        && a.getSubject().equals("X264")
                        && a.getState() == AlertState.FIRING)
                .findFirst()
                .orElseThrow();
        assertThat(x264.getGranularity()).isEqualTo(Granularity.HOUR);
        assertThat(x264.getMissingContributors())
                .extracting(Contributor::getName)
                .contains("SPARKS");
        assertThat(x264.getMissingContributors())
                .allSatisfy(c -> assertThat(c.getObserved()).isZero());
    }

    @Test
    void categoryDropNamesTheGroupsThatStopped() {
        // daily verdicts name every usual group that fell short, however small
        DetectorSettings daily = DetectorSettings.fromProperties(Map.of("detector.early-warning", "false"));
        List<ClosedWindow> windows = new FeedSimulator(7, new SparksScenario()).run(START, LocalDate.of(2020, 8, 31));
        Run r = run(windows, new DetectionEngine(daily, new InMemorySubjectStore()));
        List<String> missing = r.alerts.stream()
                .filter(a -> a.getScope() == Scope.CATEGORY
                        && a.getSubject().equals("X264")
                        && a.getGranularity() == Granularity.DAY)
                .flatMap(a -> a.getMissingContributors().stream())
                .map(Contributor::getName)
                .toList();
        assertThat(missing).contains("SPARKS");
    }

    @Test
    void lowVolumeCategoriesStayQuietEvenInTheCollapse() {
        Run r = sparks(11, LocalDate.of(2020, 10, 31));
        assertThat(r.alerts)
                .filteredOn(a -> a.getSubject().equals("DOX") || a.getSubject().equals("PS4"))
                .isEmpty();
    }

    @Test
    void incidentsResolveOnceWithoutFlapping() {
        Run r = sparks(3, LocalDate.of(2020, 10, 31));

        Map<String, List<Alert>> byId = r.alerts.stream().collect(Collectors.groupingBy(Alert::getAlertId));
        byId.forEach((id, list) -> {
            assertThat(list.stream().filter(a -> a.getState() == AlertState.RESOLVED))
                    .as(id)
                    .hasSizeLessThanOrEqualTo(1);
            assertThat(list.get(0).getState()).as(id).isEqualTo(AlertState.FIRING);
            assertThat(list.stream().filter(a -> a.getState() == AlertState.FIRING))
                    .as(id)
                    .hasSizeLessThanOrEqualTo(3);
        });
        assertThat(r.firing(Scope.TOTAL, "*").stream().map(Alert::getAlertId).distinct())
                .as("one feed incident")
                .hasSize(1);
        Alert gamesResolved = r.alerts.stream()
                .filter(a -> a.getSubject().equals("GAMES") && a.getState() == AlertState.RESOLVED)
                .findFirst()
                .orElseThrow();
        assertThat(gamesResolved.getResolution()).isEqualTo("RECOVERED");
        assertThat(gamesResolved.getDetectedAt()).isAfter(Instant.parse("2020-09-07T00:00:00Z"));
        Alert feedResolved = r.alerts.stream()
                .filter(a -> a.getScope() == Scope.TOTAL && a.getState() == AlertState.RESOLVED)
                .findFirst()
                .orElseThrow();
        assertThat(feedResolved.getResolution()).isEqualTo("NEW_LEVEL_LEARNED");
        assertThat(feedResolved.getSummary()).contains("new level learned");
    }

    @Test
    void aGroupGoneForGoodIsResolvedAsNewLevelThenForgotten() {
        Run r = sparks(3, LocalDate.of(2020, 10, 31));

        Alert resolved = r.alerts.stream()
                .filter(a -> a.getSubject().equals("SPARKS") && a.getState() == AlertState.RESOLVED)
                .findFirst()
                .orElseThrow();
        assertThat(resolved.getResolution()).isEqualTo("NEW_LEVEL_LEARNED");
        List<WindowCount> sparksDays = r.counts.stream()
                .filter(c -> c.getScope() == Scope.GROUP && c.getSubject().equals("SPARKS"))
                .toList();
        assertThat(sparksDays).as("zero-filled while known").anyMatch(c -> c.getCount() == 0);
        Instant lastCounted = sparksDays.get(sparksDays.size() - 1).getWindowStart();
        assertThat(lastCounted)
                .as("forgotten after 42 silent days")
                .isEqualTo(LocalDate.of(2020, 8, 24).plusDays(42).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    @Test
    void restartFromTheSameStoreContinuesExactly() {
        List<ClosedWindow> windows = new FeedSimulator(5, new SparksScenario()).run(START, LocalDate.of(2020, 9, 10));
        Run uninterrupted = run(windows, new DetectionEngine(DetectorSettings.defaults(), new InMemorySubjectStore()));

        InMemorySubjectStore store = new InMemorySubjectStore();
        int cut = windows.size() * 7 / 10 + 13;
        Run before = run(windows.subList(0, cut), new DetectionEngine(DetectorSettings.defaults(), store));
        Run after = run(windows.subList(cut, windows.size()), new DetectionEngine(DetectorSettings.defaults(), store));

        List<Alert> alerts = new ArrayList<>(before.alerts);
        alerts.addAll(after.alerts);
        List<WindowCount> counts = new ArrayList<>(before.counts);
        counts.addAll(after.counts);
        assertThat(alerts).isEqualTo(uninterrupted.alerts).isNotEmpty();
        assertThat(counts).isEqualTo(uninterrupted.counts);
    }

    @Test
    void anAcceptedSilentGroupDoesNotFireAgainFromTheHourlyWatch() {
        List<ClosedWindow> windows = new FeedSimulator(5, new SparksScenario()).run(START, LocalDate.of(2020, 8, 30));
        DetectionEngine engine = new DetectionEngine(DetectorSettings.defaults(), new InMemorySubjectStore());
        assertThat(run(windows, engine).firing(Scope.GROUP, "SPARKS")).isNotEmpty();

        List<Alert> resolved =
                engine.acceptNewNormal(Scope.GROUP, "SPARKS", Instant.parse("2020-08-31T00:00:00Z"), "bob", null);

        assertThat(resolved)
                .singleElement()
                .satisfies(a -> assertThat(a.getSummary()).contains("new normal accepted by bob:"));
        List<ClosedWindow> next =
                new FeedSimulator(5, new SparksScenario()).run(LocalDate.of(2020, 8, 31), LocalDate.of(2020, 9, 10));
        assertThat(run(next, engine).firing(Scope.GROUP, "SPARKS"))
                .as("SPARKS stays silent, as accepted")
                .isEmpty();
    }

    @Test
    void operatorAcceptsNewNormal() {
        List<ClosedWindow> windows = new FeedSimulator(5, new SparksScenario()).run(START, LocalDate.of(2020, 8, 30));
        InMemorySubjectStore store = new InMemorySubjectStore();
        DetectionEngine engine = new DetectionEngine(DetectorSettings.defaults(), store);
        run(windows, engine);

        Instant at = Instant.parse("2020-08-31T08:00:00Z");
        List<Alert> resolved = engine.acceptNewNormal(Scope.TOTAL, "*", at, "alice", "raid confirmed");

        assertThat(resolved).singleElement().satisfies(a -> {
            assertThat(a.getState()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.getResolution()).isEqualTo("NEW_NORMAL_ACCEPTED");
            assertThat(a.getDetectedAt()).isEqualTo(at);
            assertThat(a.getSummary()).contains("alice (raid confirmed)");
            assertThat(a.getExpected()).isLessThan(500);
        });
        List<ClosedWindow> next =
                new FeedSimulator(5, new SparksScenario()).run(LocalDate.of(2020, 8, 31), LocalDate.of(2020, 9, 1));
        assertThat(run(next, engine).firing(Scope.TOTAL, "*"))
                .as("the accepted level is the baseline now")
                .isEmpty();
    }
}
