package dev.releasewatch.topology;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.releasewatch.avro.DeadLetter;
import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.WindowCount;
import org.junit.jupiter.api.Test;

import static dev.releasewatch.topology.TopologyFixture.day;
import static dev.releasewatch.topology.TopologyFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

class ReleaseWatchTopologyTest {

    @Test
    void shouldSplitDaysAtUtcMidnight() {
        try (TopologyFixture f = new TopologyFixture()) {
            f.release("A.Movie.2020.1080p.BluRay.x264-SPARKS", "X264", "2020-08-19T23:59:59.999Z");
            f.release("B.Movie.2020.1080p.BluRay.x264-SPARKS", "X264", "2020-08-20T00:00:00Z");
            f.release("C.Movie.2020.1080p.BluRay.x264-GECKOS", "x264", "2020-08-20T13:22:11Z");
            f.heartbeat("2020-08-21T01:00:00Z");

            Map<String, Long> counts = f.readCounts();
            assertThat(counts.get(day(Scope.TOTAL, "*", "2020-08-19"))).isEqualTo(1L);
            assertThat(counts.get(day(Scope.TOTAL, "*", "2020-08-20"))).isEqualTo(2L);
            assertThat(counts.get(day(Scope.CATEGORY, "X264", "2020-08-20"))).isEqualTo(2L);
            assertThat(counts.get(day(Scope.GROUP, "SPARKS", "2020-08-20"))).isEqualTo(1L);
            assertThat(counts.get(day(Scope.GROUP, "GECKOS", "2020-08-20"))).isEqualTo(1L);
            assertThat(counts.get(key(Scope.TOTAL, Granularity.HOUR, "*", Instant.parse("2020-08-19T23:00:00Z"))))
                    .isEqualTo(1L);
            assertThat(counts.get(key(Scope.CATEGORY, Granularity.HOUR, "X264", Instant.parse("2020-08-20T13:00:00Z"))))
                    .isEqualTo(1L);
        }
    }

    @Test
    void shouldAlignDaysToTheConfiguredZone() {
        try (TopologyFixture f = new TopologyFixture(Map.of("window.zone", "Europe/Paris"))) {
            f.release("A.Show.S01E01.720p.HDTV.x264-GRP", "TV-X264", "2020-08-19T21:59:00Z");
            f.release("B.Show.S01E01.720p.HDTV.x264-GRP", "TV-X264", "2020-08-19T22:01:00Z");
            f.heartbeat("2020-08-21T01:00:00Z");

            Map<String, Long> counts = f.readCounts();
            assertThat(counts.get(key(Scope.TOTAL, Granularity.DAY, "*", Instant.parse("2020-08-18T22:00:00Z"))))
                    .isEqualTo(1L);
            assertThat(counts.get(key(Scope.TOTAL, Granularity.DAY, "*", Instant.parse("2020-08-19T22:00:00Z"))))
                    .isEqualTo(1L);
        }
    }

    @Test
    void shouldCountLateEventsWithinGraceAndDeadLetterLaterOnes() {
        // every record moves the front, as the watermark did before robust event time
        try (TopologyFixture f = new TopologyFixture(Map.of("window.grace", "15m", "watermark.jump-quorum", "1"))) {
            f.release("First-GRP", "MP3", "2020-08-19T10:00:00Z");
            f.release("Ahead-GRP", "MP3", "2020-08-19T11:10:00Z");
            f.release("InGrace-GRP", "MP3", "2020-08-19T10:59:00Z");
            f.release("Ahead2-GRP", "MP3", "2020-08-19T11:20:00Z");
            f.release("TooLate-GRP", "MP3", "2020-08-19T10:58:00Z");
            f.heartbeat("2020-08-20T01:00:00Z");

            Map<String, Long> counts = f.readCounts();
            assertThat(counts.get(key(Scope.CATEGORY, Granularity.HOUR, "MP3", Instant.parse("2020-08-19T10:00:00Z"))))
                    .isEqualTo(2L);
            assertThat(counts.get(day(Scope.TOTAL, "*", "2020-08-19"))).isEqualTo(4L);
            List<DeadLetter> dead = f.readDeadLetters();
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).getReasonCode()).isEqualTo("LATE");
            assertThat(dead.get(0).getReason()).contains("2020-08-19T10:58:00Z");
            assertThat(f.counter("releasewatch_dead_letters", "reason", "LATE")).isEqualTo(1.0);
        }
    }

    @Test
    void shouldCountARepeatedAnnouncementOnceAndMeterItPerSource() {
        try (TopologyFixture f = new TopologyFixture()) {
            f.release("Some.Movie.2020.1080p.BluRay.x264-SPARKS", "X264", "2020-08-19T13:22:11Z", "mirror-a");
            f.release("some.movie.2020.1080p.bluray.x264-sparks", "X264", "2020-08-19T13:22:15Z", "mirror-b");
            f.release("Some.Movie.2020.1080p.BluRay.x264-SPARKS", "X264", "2020-08-19T13:22:20Z", "mirror-b");
            f.heartbeat("2020-08-20T01:00:00Z");

            assertThat(f.readCounts().get(day(Scope.TOTAL, "*", "2020-08-19"))).isEqualTo(1L);
            assertThat(f.counter("releasewatch_duplicates", "source", "mirror-b"))
                    .isEqualTo(2.0);
            assertThat(f.counter("releasewatch_duplicates", "source", "mirror-a"))
                    .isEqualTo(0.0);
        }
    }

    @Test
    void shouldPublishNukesPerCategoryAndGroupOncePerReleaseWhileStillCountingTheRelease() {
        // three releases, then nukes hours later from other sources: too sparse for a robust front, so off here
        try (TopologyFixture f =
                new TopologyFixture(Map.of("watermark.jump-quorum", "1", "watermark.max-ahead", "1d"))) {
            f.release("Bad.Movie.2020.1080p.BluRay.x264-SPARKS", "X264", "2020-08-19T10:00:00Z");
            f.release("Good.Movie.2020.1080p.BluRay.x264-SPARKS", "X264", "2020-08-19T10:05:00Z");
            f.release("Some.Album-WEB-2020-GRP", "MP3", "2020-08-19T10:10:00Z");
            f.nuke(EventKind.NUKE, "Bad.Movie.2020.1080p.BluRay.x264-SPARKS", "2020-08-19T11:30:00Z", "mirror-a");
            f.nuke(EventKind.NUKE, "bad.movie.2020.1080p.bluray.x264-sparks", "2020-08-19T11:31:00Z", "mirror-b");
            f.nuke(EventKind.NUKE, "Good.Movie.2020.1080p.BluRay.x264-SPARKS", "2020-08-19T12:00:00Z", "mirror-a");
            f.nuke(EventKind.UNNUKE, "Good.Movie.2020.1080p.BluRay.x264-SPARKS", "2020-08-19T15:00:00Z", "mirror-a");
            f.nuke(EventKind.NUKE, "Unseen.Show.S01E01.720p.HDTV.x264-LOL", "2020-08-19T16:00:00Z", "mirror-a");
            f.heartbeat("2020-08-20T01:00:00Z");

            Map<String, WindowCount> counts = f.readCountRecords();
            WindowCount x264 = counts.get(day(Scope.CATEGORY, "X264", "2020-08-19"));
            assertThat(x264.getCount()).isEqualTo(2L);
            assertThat(x264.getNukes()).isEqualTo(2L);
            assertThat(x264.getUnnukes()).isEqualTo(1L);
            assertThat(counts.get(day(Scope.GROUP, "SPARKS", "2020-08-19")).getNukes())
                    .isEqualTo(2L);
            assertThat(counts.get(day(Scope.CATEGORY, "MP3", "2020-08-19")).getNukes())
                    .isZero();
            WindowCount total = counts.get(day(Scope.TOTAL, "*", "2020-08-19"));
            assertThat(total.getCount()).isEqualTo(3L);
            assertThat(total.getNukes()).isEqualTo(3L);
            assertThat(total.getUnnukes()).isEqualTo(1L);
            WindowCount tv = counts.get(day(Scope.CATEGORY, "TV-X264", "2020-08-19"));
            assertThat(tv.getCount()).isZero();
            assertThat(tv.getNukes()).isEqualTo(1L);
            assertThat(counts.get(key(Scope.CATEGORY, Granularity.HOUR, "X264", Instant.parse("2020-08-19T11:00:00Z")))
                            .getNukes())
                    .isEqualTo(1L);
            assertThat(counts.get(key(Scope.CATEGORY, Granularity.HOUR, "X264", Instant.parse("2020-08-19T15:00:00Z")))
                            .getUnnukes())
                    .isEqualTo(1L);
            assertThat(f.counter("releasewatch_duplicates", "source", "mirror-b"))
                    .isEqualTo(1.0);
            assertThat(f.readDeadLetters()).isEmpty();
        }
    }

    @Test
    void shouldCountAReleaseAtTheEarliestAnnouncementWhileItsWindowsAreOpen() {
        try (TopologyFixture f = new TopologyFixture()) {
            f.release("Slow.Clock.Release-GRP", "MP3", "2020-08-19T14:02:00Z", "mirror-late-clock");
            f.release("Slow.Clock.Release-GRP", "MP3", "2020-08-19T13:58:00Z", "mirror-good-clock");
            f.heartbeat("2020-08-20T01:00:00Z");

            Map<String, Long> counts = f.readCounts();
            assertThat(counts.get(key(Scope.TOTAL, Granularity.HOUR, "*", Instant.parse("2020-08-19T13:00:00Z"))))
                    .isEqualTo(1L);
            assertThat(counts.get(key(Scope.TOTAL, Granularity.HOUR, "*", Instant.parse("2020-08-19T14:00:00Z"))))
                    .isIn(null, 0L);
            assertThat(counts.get(day(Scope.TOTAL, "*", "2020-08-19"))).isEqualTo(1L);
        }
    }

    @Test
    void shouldDeadLetterMalformedBytesWithTheOriginalBytesAndOffset() {
        try (TopologyFixture f = new TopologyFixture()) {
            byte[] garbage = new byte[64];
            new Random(7).nextBytes(garbage);
            f.release("Good.One-GRP", "MP3", "2020-08-19T10:00:00Z");
            f.input.pipeInput("k".getBytes(StandardCharsets.UTF_8), garbage);
            f.input.pipeInput("k2".getBytes(StandardCharsets.UTF_8), (byte[]) null);

            List<DeadLetter> dead = f.readDeadLetters();
            assertThat(dead).hasSize(2);
            assertThat(dead.get(0).getReasonCode()).isEqualTo("MALFORMED");
            assertThat(dead.get(0).getOffset()).isEqualTo(1L);
            assertThat(dead.get(0).getValue().array()).isEqualTo(garbage);
            assertThat(new String(dead.get(0).getKey().array(), StandardCharsets.UTF_8))
                    .isEqualTo("k");
            assertThat(dead.get(1).getReason()).isEqualTo("record has no value");
        }
    }

    @Test
    void shouldDeadLetterAbsurdTimesAndUnusableNames() {
        try (TopologyFixture f = new TopologyFixture()) {
            f.release("Old-GRP", "MP3", "1970-01-01T00:00:00Z");
            f.release("Future-GRP", "MP3", "2100-01-01T00:00:00Z");
            f.release("  ", "MP3", "2020-08-19T10:00:00Z");
            f.release("x".repeat(600), "MP3", "2020-08-19T10:00:00Z");
            f.release("Tab\tName-GRP", "MP3", "2020-08-19T10:00:00Z");
            f.release("Fine-GRP", "unheard-of-section", "2020-08-19T10:00:00Z");
            f.heartbeat("2020-08-20T01:00:00Z");

            List<DeadLetter> dead = f.readDeadLetters();
            assertThat(dead).extracting(DeadLetter::getReasonCode).containsOnly("INVALID");
            assertThat(dead)
                    .extracting(DeadLetter::getReason)
                    .satisfiesExactly(
                            r -> assertThat(r).contains("before the minimum event time"),
                            r -> assertThat(r).contains("ahead of the wall clock"),
                            r -> assertThat(r).isEqualTo("empty release name"),
                            r -> assertThat(r).contains("600 characters"),
                            r -> assertThat(r).contains("control character U+0009"));
            Map<String, Long> counts = f.readCounts();
            assertThat(counts.get(day(Scope.CATEGORY, "UNHEARD-OF-SECTION", "2020-08-19")))
                    .isEqualTo(1L);
            assertThat(counts.get(day(Scope.TOTAL, "*", "2020-08-19"))).isEqualTo(1L);
        }
    }

    @Test
    void shouldDeadLetterAnOversizedSourceAndCountTheRest() {
        try (TopologyFixture f = new TopologyFixture()) {
            f.release("Long-Source-GRP", "MP3", "2020-08-19T10:00:00Z", "s".repeat(600));
            f.release("Fine-GRP", "MP3", "2020-08-19T10:05:00Z", "mirror-1");
            f.heartbeat("2020-08-20T01:00:00Z");

            List<DeadLetter> dead = f.readDeadLetters();
            assertThat(dead)
                    .extracting(DeadLetter::getReason)
                    .containsExactly("source is 600 characters, over the limit of 512");
            assertThat(f.readCounts().get(day(Scope.TOTAL, "*", "2020-08-19"))).isEqualTo(1L);
        }
    }

    @Test
    void shouldInferTheCategoryFromTheNameWhenTheSectionIsMissingOrGeneric() {
        try (TopologyFixture f = new TopologyFixture()) {
            f.release("Some.Show.S02E05.720p.HDTV.x264-LOL", null, "2020-08-19T10:00:00Z");
            f.release("Other.Show.S01E01.HDTV.XviD-FQM", "PRE", "2020-08-19T10:01:00Z");
            f.release("Artist-Album-WEB-2020-GRP", "", "2020-08-19T10:02:00Z");
            f.release("Labelled.Movie.2020.1080p.BluRay.x264-GRP", "X264", "2020-08-19T10:03:00Z");
            f.heartbeat("2020-08-20T01:00:00Z");

            Map<String, Long> counts = f.readCounts();
            assertThat(counts.get(day(Scope.CATEGORY, "TV-X264", "2020-08-19"))).isEqualTo(1L);
            assertThat(counts.get(day(Scope.CATEGORY, "TV-SD", "2020-08-19"))).isEqualTo(1L);
            assertThat(counts.get(day(Scope.CATEGORY, "MP3", "2020-08-19"))).isEqualTo(1L);
            assertThat(counts.get(day(Scope.CATEGORY, "X264", "2020-08-19"))).isEqualTo(1L);
            assertThat(f.counter("releasewatch_category_origin", "origin", "name"))
                    .isEqualTo(3.0);
            assertThat(f.counter("releasewatch_category_origin", "origin", "section"))
                    .isEqualTo(1.0);
        }
    }

    @Test
    void shouldCloseSilentHoursOfALiveFeedByWallClock() {
        try (TopologyFixture f = new TopologyFixture(Map.of("watermark.idle-advance", "5m", "window.grace", "1m"))) {
            Instant now = TopologyFixture.WALL_CLOCK;
            f.release("Live.One-GRP", "MP3", now.minusSeconds(60).toString());
            assertThat(f.readCounts()).isEmpty();
            f.driver.advanceWallClockTime(Duration.ofHours(3));
            Map<String, Long> counts = f.readCounts();
            assertThat(counts.get(key(Scope.TOTAL, Granularity.HOUR, "*", Instant.parse("2025-12-31T23:00:00Z"))))
                    .isEqualTo(1L);
            assertThat(counts.keySet()).anyMatch(k -> k.startsWith("TOTAL/HOUR/*@2026-01-01T01:00"));
        }
    }

    @Test
    void shouldNotAdvanceByWallClockDuringAReplayOfHistory() {
        try (TopologyFixture f = new TopologyFixture()) {
            f.release("Old.One-GRP", "MP3", "2020-08-19T10:00:00Z");
            f.driver.advanceWallClockTime(Duration.ofHours(3));
            assertThat(f.readCounts()).isEmpty();
        }
    }
}
