package dev.releasewatch.it;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.releasewatch.app.MonitorRuntime;
import dev.releasewatch.app.ReplaySession;
import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertState;
import dev.releasewatch.avro.Contributor;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.config.ConfigException;
import dev.releasewatch.feed.SectionClassifier;
import dev.releasewatch.feed.synth.FactorCurve;
import dev.releasewatch.feed.synth.FeedEffect;
import dev.releasewatch.feed.synth.FeedSettings;
import dev.releasewatch.feed.synth.SyntheticFeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Detection spread over three detect partitions (two input partitions) on a real broker decides exactly what one
 * detecting task decides: the same feed, with a category that falls to 30 % and a big group that stops, gives the same
 * final count (and expectation) for every subject and window, each published once, and the same alerts (ids,
 * states, severities, causes, feed-wide incident ids, observed counts and summaries). The one thing a partition
 * cannot know is which groups of other partitions have been silent hour by hour, so a category's HOUR alert may name
 * fewer silent groups: the test asserts those it names are among the single task's.
 */
@Timeout(420)
class SpreadDetectionIT extends RealBrokerTest {

    private static final LocalDate DROP = LocalDate.of(2020, 7, 1);

    @Test
    void shouldDecideOnThreeDetectPartitionsWhatOneDetectingTaskDecides() throws Exception {
        Run single = run("spread-one", 1);
        Run spread = run("spread-three", 3);

        assertThat(spread.emissions.values()).as("every window published once").allMatch(n -> n == 1);
        assertThat(spread.counts).isEqualTo(single.counts);
        assertThat(single.counts.keySet()).anyMatch(k -> k.startsWith("GROUP/"));

        assertThat(single.alerts)
                .as("the drop is detected")
                .anyMatch(
                        a -> a.getState() == AlertState.FIRING && a.getSubject().equals("XXX"));
        assertThat(single.alerts).anyMatch(a -> a.getState() == AlertState.FIRING && a.getScope() == Scope.GROUP);
        assertThat(spread.alerts.stream().map(SpreadDetectionIT::identity).toList())
                .containsExactlyInAnyOrderElementsOf(
                        single.alerts.stream().map(SpreadDetectionIT::identity).toList());
        Map<String, Alert> byKey = new HashMap<>();
        single.alerts.forEach(a -> byKey.put(identity(a), a));
        for (Alert a : spread.alerts) {
            Alert reference = byKey.get(identity(a));
            if (a.getScope() == Scope.CATEGORY && a.getGranularity() == Granularity.HOUR) {
                assertThat(names(a.getMissingContributors()))
                        .as(a.getSummary())
                        .isSubsetOf(names(reference.getMissingContributors()));
            } else {
                assertThat(a.getSummary()).isEqualTo(reference.getSummary());
                assertThat(a.getMissingContributors()).isEqualTo(reference.getMissingContributors());
                assertThat(a.getAffectedSubjects()).isEqualTo(reference.getAffectedSubjects());
            }
        }
    }

    @Test
    void shouldRefuseAtStartUpADetectPartitionCountOtherThanTheExistingStates() throws Exception {
        run("spread-change", 1);
        AppConfig changed = config("spread-change")
                .set("topic.partitions", "2")
                .set("detect.partitions", "3")
                .load();

        assertThatThrownBy(() -> MonitorRuntime.start(changed, SectionClassifier.defaults(), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("detect.partitions")
                .hasMessageContaining("has 1 partitions");
    }

    private record Run(Map<String, String> counts, Map<String, Integer> emissions, List<Alert> alerts) {}

    private static Run run(String name, int detectPartitions) throws Exception {
        AppConfig config = config(name)
                .set("topic.partitions", "2")
                .set("detect.partitions", Integer.toString(detectPartitions))
                .load();
        FeedSettings settings = FeedSettings.normal(LocalDate.of(2020, 6, 1), LocalDate.of(2020, 7, 4), 7)
                .withVolume(0.5)
                .withEffects(List.of(
                        new FeedEffect.ScaleSection(
                                "XXX", FactorCurve.builder().stepAt(DROP, 0.3).build()),
                        new FeedEffect.ScaleGroup(
                                "SPARKS",
                                FactorCurve.builder().stepAt(DROP, 0.0).build())));
        Map<String, String> counts = new ConcurrentHashMap<>();
        Map<String, Integer> emissions = new ConcurrentHashMap<>();
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        try (MonitorRuntime runtime =
                MonitorRuntime.start(config, SectionClassifier.defaults(), List.of(alerts::add), List.of(c -> {
                    String k =
                            c.getScope() + "/" + c.getSubject() + "/" + c.getGranularity() + "@" + c.getWindowStart();
                    counts.put(k, c.getCount() + " expected " + c.getExpected());
                    emissions.merge(k, 1, Integer::sum);
                }))) {
            ReplaySession.Result replay = ReplaySession.replay(
                    runtime, new SyntheticFeed(settings).iterator(), name, null, Duration.ofMinutes(4));
            assertThat(replay.completed()).isTrue();
            assertThat(replay.failed()).isZero();
        }
        return new Run(counts, emissions, new ArrayList<>(alerts));
    }

    private static String identity(Alert a) {
        return String.join(
                " ",
                a.getAlertId(),
                String.valueOf(a.getIncidentId()),
                a.getState().name(),
                a.getScope().name(),
                a.getSubject(),
                a.getSeverity().name(),
                a.getGranularity().name(),
                a.getWindowStart().toString(),
                a.getWindowEnd().toString(),
                Long.toString(a.getObserved()),
                String.valueOf(a.getCause()));
    }

    private static List<String> names(List<Contributor> contributors) {
        return contributors.stream().map(Contributor::getName).toList();
    }
}
