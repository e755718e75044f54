package dev.releasewatch.topology;

import java.util.Map;

import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.Scope;
import org.junit.jupiter.api.Test;

import static dev.releasewatch.topology.TopologyFixture.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The de-duplication store {@code seen} through the real topology: it counts remembered releases (its keys are chunks
 * of them), and forgets them after the de-duplication window, so that a later announcement is counted again.
 */
class SeenStoreTopologyTest {

    @Test
    void shouldReportRememberedReleasesAndNukesNotChunks() {
        try (TopologyFixture f = new TopologyFixture()) {
            f.release("First.Release-GRP", "MP3", "2020-08-19T10:00:00Z", "mirror-a");
            f.release("first.release-grp", "MP3", "2020-08-19T10:01:00Z", "mirror-b");
            f.release("Second.Release-GRP", "MP3", "2020-08-19T10:02:00Z", "mirror-a");
            f.nuke(EventKind.NUKE, "First.Release-GRP", "2020-08-19T10:03:00Z", "mirror-a");
            f.heartbeat("2020-08-19T12:00:00Z");

            assertThat(f.driver
                            .getKeyValueStore(ReleaseWatchTopology.SEEN_STORE)
                            .approximateNumEntries())
                    .isEqualTo(3);
        }
    }

    @Test
    void shouldCountAReleaseAgainOnceTheDeduplicationWindowHasForgottenIt() {
        try (TopologyFixture f = new TopologyFixture(Map.of("dedup.window", "1d"))) {
            f.release("Evergreen.Release-GRP", "MP3", "2020-08-17T10:00:00Z", "mirror-a");
            f.release("Other.Release-GRP", "MP3", "2020-08-17T23:00:00Z", "mirror-a");
            f.release("Evergreen.Release-GRP", "MP3", "2020-08-18T09:00:00Z", "mirror-b");
            f.heartbeat("2020-08-18T12:00:00Z");
            f.release("Evergreen.Release-GRP", "MP3", "2020-08-19T11:00:00Z", "mirror-b");
            f.heartbeat("2020-08-20T12:00:00Z");

            Map<String, Long> counts = f.readCounts();
            assertThat(counts.get(day(Scope.TOTAL, "*", "2020-08-17"))).isEqualTo(2L);
            assertThat(counts.get(day(Scope.TOTAL, "*", "2020-08-18")))
                    .as("within the window: a repeat")
                    .isIn(null, 0L);
            assertThat(counts.get(day(Scope.TOTAL, "*", "2020-08-19")))
                    .as("forgotten: counted again")
                    .isEqualTo(1L);
        }
    }
}
