package dev.releasewatch.it;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.releasewatch.app.MonitorRuntime;
import dev.releasewatch.app.ReplaySession;
import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertState;
import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.feed.SectionClassifier;
import dev.releasewatch.feed.synth.FeedSettings;
import dev.releasewatch.feed.synth.Mirrors;
import dev.releasewatch.feed.synth.SyntheticFeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9's first replay on a real broker: ten weeks of an ordinary feed over the spring daylight-saving change,
 * days in {@code Europe/Paris}, announced by a primary, re-announced minutes later by a mirror (70 % of releases)
 * of whose copies 0.4 % carry a clock 19 h fast, and by a slow mirror 3 h behind; six input partitions. Before the
 * event-time rules this dead-lettered 47 % of the records as LATE and raised 40 false collapse alerts. Every good
 * release must be counted exactly once on its own day per category, none dead-lettered, and nothing may fire.
 */
@Timeout(900)
class MirroredFeedIT extends RealBrokerTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void aTwoMirrorFeedWithFastClocksLosesNothingAndRaisesNoAlert() throws Exception {
        FeedSettings settings = FeedSettings.normal(LocalDate.of(2021, 2, 1), LocalDate.of(2021, 4, 11), 9)
                .withMirrors(Mirrors.typical(1)
                        .withCopies(0.7, Duration.ofMinutes(10))
                        .withSkew(0.004, Duration.ofHours(19))
                        .withSlowMirror(Duration.ofHours(3)));
        SyntheticFeed feed = new SyntheticFeed(settings);
        Truth truth = Truth.of(feed);
        assertThat(truth.fastStamps).as("copies stamped 19 h fast").isGreaterThan(100);

        AppConfig config = config("mirrored-feed")
                .set("topic.partitions", "6")
                .set("window.zone", PARIS.getId())
                .load();
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        Map<String, Long> days = new ConcurrentHashMap<>();
        LocalDate lastFinal;
        try (MonitorRuntime runtime =
                MonitorRuntime.start(config, SectionClassifier.defaults(), List.of(alerts::add), List.of(c -> {
                    if (c.getGranularity() == Granularity.DAY && c.getScope() != Scope.GROUP) {
                        days.put(
                                c.getSubject() + "@"
                                        + c.getWindowStart().atZone(PARIS).toLocalDate(),
                                c.getCount());
                    }
                }))) {
            ReplaySession.Result result =
                    ReplaySession.replay(runtime, feed.iterator(), "mirrored-it", null, Duration.ofMinutes(12));
            assertThat(result.completed()).isTrue();
            // the feed ends at midnight UTC, two hours into a Paris day: that day is not over, so not final
            assertThat(result.finalThrough()).isEqualTo(Instant.parse("2021-04-11T22:00:00Z"));
            lastFinal = LocalDate.of(2021, 4, 11);
            assertThat(ReplaySession.eventCount(runtime, "dead_letter")).isZero();
            assertThat(ReplaySession.eventCount(runtime, "counted")).isEqualTo(truth.releases);
        }

        assertThat(truth.days).hasSizeGreaterThan(13 * 60);
        truth.days.forEach((k, n) -> {
            if (!LocalDate.parse(k.substring(k.indexOf('@') + 1)).isAfter(lastFinal)) {
                assertThat(days.get(k)).as(k).isEqualTo(n);
            }
        });
        assertThat(alerts.stream().filter(a -> a.getState() == AlertState.FIRING))
                .as("FIRING alerts on a feed where nothing happened")
                .isEmpty();
    }

    /** Daily counts per category and in total, each release on the local day of its earliest announcement. */
    private record Truth(Map<String, Long> days, long releases, int fastStamps) {

        static Truth of(SyntheticFeed feed) {
            Map<String, Instant> earliest = new HashMap<>();
            Map<String, String> category = new HashMap<>();
            SectionClassifier classifier = SectionClassifier.defaults();
            int fast = 0;
            for (ReleaseAnnouncement a : feed) {
                if (a.getKind() != EventKind.RELEASE) {
                    continue;
                }
                String key = a.getName().toLowerCase(Locale.ROOT);
                Instant first = earliest.get(key);
                if (first != null && a.getTime().isAfter(first.plus(Duration.ofHours(1)))) {
                    fast++;
                    continue;
                }
                if (first == null || a.getTime().isBefore(first)) {
                    earliest.put(key, a.getTime());
                }
                category.putIfAbsent(key, classifier.category(a.getSection(), a.getName()));
            }
            Map<String, Long> days = new HashMap<>();
            earliest.forEach((key, t) -> {
                LocalDate d = t.atZone(PARIS).toLocalDate();
                days.merge(category.get(key) + "@" + d, 1L, Long::sum);
                days.merge("*@" + d, 1L, Long::sum);
            });
            return new Truth(days, earliest.size(), fast);
        }
    }
}
