package dev.releasewatch.it;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.releasewatch.app.MonitorRuntime;
import dev.releasewatch.app.ReplaySession;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.WindowCount;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.feed.SectionClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fast multi-partition backfill of old (2020) events through a real broker must count every release
 * exactly once: no record lost to retention or to "late" windows, no repeated announcement counted.
 */
@Timeout(300)
class ExactBackfillIT extends RealBrokerTest {

    @Test
    void shouldCountA6PartitionReplayOf2020EventsExactly() throws Exception {
        CountedFeed feed = new CountedFeed(LocalDate.of(2020, 3, 1), 40, 2_500, 11);
        AppConfig config = config("exact-backfill")
                .set("topic.partitions", "6")
                .set("detect.partitions", "3")
                .load();
        Map<String, Long> dayCounts = new ConcurrentHashMap<>();
        Map<String, Integer> emissions = new ConcurrentHashMap<>();
        try (MonitorRuntime runtime = MonitorRuntime.start(
                config, SectionClassifier.defaults(), List.of(), List.of(c -> record(c, dayCounts, emissions)))) {
            ReplaySession.Result result =
                    ReplaySession.replay(runtime, feed.events.iterator(), "it", null, Duration.ofMinutes(4));

            assertThat(result.completed()).isTrue();
            assertThat(result.failed()).isZero();
            assertThat(result.finalThrough())
                    .isEqualTo(LocalDate.of(2020, 4, 10)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant());
            assertThat(ReplaySession.eventCount(runtime, "counted")).isEqualTo(feed.distinct);
            assertThat(ReplaySession.eventCount(runtime, "duplicate")).isEqualTo(feed.duplicates);
            assertThat(ReplaySession.eventCount(runtime, "dead_letter")).isZero();
        }
        feed.expected.forEach((k, v) -> assertThat(dayCounts.get(k)).as(k).isEqualTo(v));
        assertThat(dayCounts.entrySet().stream().filter(e -> e.getValue() > 0).count())
                .isEqualTo(feed.expected.size());
        assertThat(emissions.values()).allMatch(n -> n == 1);
    }

    private static void record(WindowCount c, Map<String, Long> dayCounts, Map<String, Integer> emissions) {
        if (c.getGranularity() != Granularity.DAY) {
            return;
        }
        String k = c.getScope() + "/" + c.getSubject() + "@"
                + c.getWindowStart().atZone(ZoneOffset.UTC).toLocalDate();
        dayCounts.put(k, c.getCount());
        emissions.merge(k, 1, Integer::sum);
    }
}
