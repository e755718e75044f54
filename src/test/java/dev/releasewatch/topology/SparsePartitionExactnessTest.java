package dev.releasewatch.topology;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.feed.synth.Scenarios;
import dev.releasewatch.feed.synth.SyntheticFeed;
import dev.releasewatch.produce.FeedPublisher;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import static dev.releasewatch.topology.TopologyFixture.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One input partition of the six the demo uses, fed exactly what the producer's partitioner sends it from the SPARKS
 * 2020 feed: after the collapse its records are hours apart, so hundreds of them are held and released by the
 * event-time rules, often several at once. Every day must still be exact and nothing may stay held. (The first
 * version of the rules lost about 30 releases here: a held record settled through a {@code TreeMap} iterator read
 * its key after {@code remove()}, which hands the removed entry its successor's key.)
 */
class SparsePartitionExactnessTest {

    private static final int PARTITIONS = 6;

    @Test
    void oneSparsePartitionOfTheSparksFeedIsCountedExactlyEveryDay() {
        SyntheticFeed feed = Scenarios.sparks2020().feed();
        Map<LocalDate, Long> truth = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        try (TopologyFixture f = new TopologyFixture()) {
            for (ReleaseAnnouncement a : feed) {
                String key = FeedPublisher.key(a);
                if (Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS != 0) {
                    continue;
                }
                f.send(a);
                if (a.getKind() == EventKind.RELEASE && seen.add(key)) {
                    truth.merge(a.getTime().atZone(ZoneOffset.UTC).toLocalDate(), 1L, Long::sum);
                }
            }
            f.heartbeat("2020-11-02T00:00:00Z");

            Map<String, Long> counts = f.readCounts();
            assertThat(f.readDeadLetters()).isEmpty();
            assertThat(truth).hasSizeGreaterThan(150);
            truth.forEach((date, n) -> assertThat(counts.get(day(Scope.TOTAL, "*", date.toString())))
                    .as("day %s", date)
                    .isEqualTo(n));
            double held = f.counter(TopologyMetrics.FUTURE_STAMPS, "outcome", "held");
            assertThat(held).as("records held after quiet spells").isGreaterThan(100.0);
            assertThat(f.counter(TopologyMetrics.FUTURE_STAMPS, "outcome", "released"))
                    .isEqualTo(held);
            assertThat(f.counter(TopologyMetrics.FUTURE_STAMPS, "outcome", "retimed"))
                    .isZero();
        }
    }
}
