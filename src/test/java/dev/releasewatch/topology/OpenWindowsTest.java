package dev.releasewatch.topology;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.releasewatch.avro.ClosedWindow;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.NukeCount;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.SubjectCount;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class OpenWindowsTest {

    private static long at(String time) {
        return Instant.parse(time).toEpochMilli();
    }

    @Test
    void shouldRestoreAReleaseIntoItsOpenDayEvenWhenItsHourHasClosed() {
        OpenWindows windows = new OpenWindows(new WindowClock(ZoneOffset.UTC));
        long watermark = at("2020-05-16T14:30:00Z");
        windows.restore(at("2020-05-16T09:10:00Z"), "MP3", "GRP", watermark);
        windows.restore(at("2020-05-16T14:05:00Z"), "MP3", "GRP", watermark);
        windows.restore(at("2020-05-15T23:00:00Z"), "MP3", "GRP", watermark);

        List<ClosedWindow> closed = windows.closeThrough(at("2020-05-17T00:00:00Z"));

        assertThat(closed).extracting(ClosedWindow::getGranularity).containsExactly(Granularity.HOUR, Granularity.DAY);
        assertThat(total(closed.get(0))).isEqualTo(1);
        assertThat(total(closed.get(1))).isEqualTo(2);
    }

    @Test
    void shouldRestoreANukeIntoItsOpenWindowsOnly() {
        OpenWindows windows = new OpenWindows(new WindowClock(ZoneOffset.UTC));
        long watermark = at("2020-05-16T14:30:00Z");
        windows.restoreNuke(at("2020-05-16T09:10:00Z"), false, "MP3", "GRP", watermark);
        windows.restoreNuke(at("2020-05-16T14:05:00Z"), true, "MP3", "GRP", watermark);

        List<ClosedWindow> closed = windows.closeThrough(at("2020-05-17T00:00:00Z"));

        assertThat(closed).extracting(ClosedWindow::getGranularity).containsExactly(Granularity.HOUR, Granularity.DAY);
        assertThat(closed.get(0).getNukes())
                .extracting(NukeCount::getScope, NukeCount::getSubject, NukeCount::getNukes, NukeCount::getUnnukes)
                .containsExactlyInAnyOrder(tuple(Scope.TOTAL, "*", 0L, 1L), tuple(Scope.CATEGORY, "MP3", 0L, 1L));
        assertThat(closed.get(1).getNukes())
                .extracting(NukeCount::getScope, NukeCount::getSubject, NukeCount::getNukes, NukeCount::getUnnukes)
                .containsExactlyInAnyOrder(
                        tuple(Scope.TOTAL, "*", 1L, 1L),
                        tuple(Scope.CATEGORY, "MP3", 1L, 1L),
                        tuple(Scope.GROUP, "GRP", 1L, 1L));
    }

    private static long total(ClosedWindow w) {
        return w.getCounts().stream()
                .filter(c -> c.getScope() == Scope.TOTAL)
                .mapToLong(SubjectCount::getCount)
                .sum();
    }
}
