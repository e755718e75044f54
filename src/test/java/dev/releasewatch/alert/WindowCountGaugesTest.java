package dev.releasewatch.alert;

import java.time.Instant;

import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.WindowCount;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link WindowCountGauges}: latest window per category and the feed, groups left out, categories capped. */
class WindowCountGaugesTest {

    private static WindowCount count(Scope scope, String subject, String day, long n) {
        Instant start = Instant.parse(day + "T00:00:00Z");
        return new WindowCount(
                scope, subject, Granularity.DAY, start, start.plusSeconds(86400), n, 100.0, 0L, 0L, null, null);
    }

    @Test
    void showsTheLatestClosedWindowPerCategoryAndLeavesGroupsOut() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        WindowCountGauges g = new WindowCountGauges(registry, 2);
        g.accept(count(Scope.CATEGORY, "GAMES", "2020-08-25", 120));
        g.accept(count(Scope.CATEGORY, "GAMES", "2020-08-26", 12));
        g.accept(count(Scope.CATEGORY, "GAMES", "2020-08-24", 130)); // replayed late: does not move it back
        g.accept(count(Scope.TOTAL, "*", "2020-08-26", 1500));
        g.accept(count(Scope.GROUP, "SPARKS", "2020-08-26", 0));
        g.accept(count(Scope.CATEGORY, "X264", "2020-08-26", 400));
        g.accept(count(Scope.CATEGORY, "MP3", "2020-08-26", 50));
        g.accept(count(Scope.CATEGORY, "FLAC", "2020-08-26", 7));
        assertThat(g.observed("CATEGORY", "GAMES", "DAY")).isEqualTo(12);
        assertThat(g.observed("TOTAL", "*", "DAY")).isEqualTo(1500);
        assertThat(g.observed("GROUP", "SPARKS", "DAY")).isNaN();
        assertThat(g.observed("CATEGORY", "other", "DAY")).isEqualTo(57);
        assertThat(registry.find(WindowCountGauges.RELEASES).gauges()).hasSize(4);
    }
}
