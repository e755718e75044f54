package dev.releasewatch.detect;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.ClosedWindow;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.WindowCount;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idle groups are not loaded at a day close; their zero days are applied when they are next loaded. Against the
 * day-by-day path (every known group loaded and judged every day) on five months of the SPARKS feed, with quiet dates
 * inside it: the same alerts, the same counts for every subject published, the same state for every group, and far
 * fewer group loads.
 */
class GroupScheduleTest {

    private static final LocalDate START = LocalDate.of(2020, 6, 1);

    @Test
    void catchingUpIdleGroupsGivesTheDayByDayResult() {
        DetectorSettings settings = DetectorSettings.fromProperties(
                Map.of(DetectorSettings.PREFIX + "quiet-dates", "07-04,08-15,09-07,10-03"));
        List<ClosedWindow> windows = new FeedSimulator(5, new SparksScenario()).run(START, LocalDate.of(2020, 10, 31));
        InMemorySubjectStore dayByDayStore = new InMemorySubjectStore();
        InMemorySubjectStore scheduledStore = new InMemorySubjectStore();
        DetectionEngine dayByDay = new DetectionEngine(settings, dayByDayStore, true);
        DetectionEngine scheduled = new DetectionEngine(settings, scheduledStore);

        List<Alert> dayByDayAlerts = new ArrayList<>();
        List<Alert> scheduledAlerts = new ArrayList<>();
        List<WindowCount> dayByDayCounts = new ArrayList<>();
        List<WindowCount> scheduledCounts = new ArrayList<>();
        for (ClosedWindow w : windows) {
            WindowOutcome a = dayByDay.windowClosed(w);
            dayByDayAlerts.addAll(a.alerts());
            dayByDayCounts.addAll(a.counts());
            WindowOutcome b = scheduled.windowClosed(w);
            scheduledAlerts.addAll(b.alerts());
            scheduledCounts.addAll(b.counts());
        }

        assertThat(scheduledAlerts).isEqualTo(dayByDayAlerts).isNotEmpty();
        assertThat(scheduledCounts.stream().filter(c -> c.getScope() != Scope.GROUP))
                .containsExactlyElementsOf(dayByDayCounts.stream()
                        .filter(c -> c.getScope() != Scope.GROUP)
                        .toList());
        Map<String, WindowCount> everyGroupDay = new HashMap<>();
        dayByDayCounts.stream()
                .filter(c -> c.getScope() == Scope.GROUP)
                .forEach(c -> everyGroupDay.put(c.getSubject() + "@" + c.getWindowStart(), c));
        List<WindowCount> scheduledGroups = scheduledCounts.stream()
                .filter(c -> c.getScope() == Scope.GROUP)
                .toList();
        assertThat(scheduledGroups)
                .as("a group's count, when published, is the day-by-day one")
                .allSatisfy(c -> assertThat(c).isEqualTo(everyGroupDay.get(c.getSubject() + "@" + c.getWindowStart())));
        assertThat(scheduledGroups)
                .as("every group day with a release is published")
                .hasSizeGreaterThanOrEqualTo((int) everyGroupDay.values().stream()
                        .filter(c -> c.getCount() > 0)
                        .count());
        // this feed's ~700 groups are mostly busy ones (2.8 releases a day on average): 99,536 group days day by day,
        // 87,743 scheduled; in a long tail of small groups nearly all of them are idle
        assertThat(scheduledGroups.size()).as("idle groups are not loaded").isLessThan(everyGroupDay.size() - 10_000);

        SubjectStates dayByDayStates = new SubjectStates(dayByDayStore, settings);
        SubjectStates scheduledStates = new SubjectStates(scheduledStore, settings);
        GroupSchedule schedule = new GroupSchedule(scheduledStore, settings, false);
        long lastDay = LocalDate.of(2020, 10, 31).toEpochDay();
        Map<String, SubjectState> expected = dayByDayStates.loadScope(Scope.GROUP);
        Map<String, SubjectState> actual = scheduledStates.loadScope(Scope.GROUP);
        assertThat(actual.keySet()).as("the same groups forgotten").isEqualTo(expected.keySet());
        assertThat(expected).hasSizeGreaterThan(100);
        expected.forEach((key, s) -> {
            SubjectState caughtUp = actual.get(key);
            schedule.catchUp(caughtUp, lastDay);
            caughtUp.dueDay = s.dueDay;
            assertThat(SubjectStateCodec.encode(caughtUp)).as(key).isEqualTo(SubjectStateCodec.encode(s));
        });
    }
}
