package dev.releasewatch.topology;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.avro.Scope;
import org.junit.jupiter.api.Test;

import static dev.releasewatch.topology.TopologyFixture.day;
import static dev.releasewatch.topology.TopologyFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event-time rules of the counting side (docs/event-time.md), one test per rule: a record, a source, a
 * duplicate or a first announcement stamped in the future, a slow mirror, a daylight-saving change, and a live
 * producer whose clock runs hours fast. Each asserts exact counts and that no good release is dead-lettered.
 */
class EventTimeTopologyTest {

    private static final Instant START = Instant.parse("2020-08-19T10:00:00Z");
    private static final Duration STEP = Duration.ofMinutes(10);
    private static final int N = 30;

    private static ReleaseAnnouncement release(String name, Instant time, String source) {
        return ReleaseAnnouncement.newBuilder()
                .setName(name)
                .setSection("MP3")
                .setTime(time)
                .setSource(source)
                .build();
    }

    private static String name(int i) {
        return "Artist" + i + "-Album-WEB-2020-GRP";
    }

    private static Instant at(int i) {
        return START.plus(STEP.multipliedBy(i));
    }

    private static long hour(Map<String, Long> counts, String hourStart) {
        Long n = counts.get(key(Scope.TOTAL, Granularity.HOUR, "*", Instant.parse(hourStart)));
        return n == null ? 0 : n;
    }

    @Test
    void aRecordStampedFarAheadClosesNoWindowAndIsCountedAtItsArrival() {
        try (TopologyFixture f = new TopologyFixture()) {
            for (int i = 0; i < N; i++) {
                f.send(release(name(i), at(i), "primary"));
                if (i == 12) { // 12:00, then one release stamped 20 h ahead
                    f.send(release("Fast.Clock-GRP", at(i).plus(Duration.ofHours(20)), "primary"));
                }
            }
            f.heartbeat("2020-08-21T01:00:00Z");

            Map<String, Long> counts = f.readCounts();
            assertThat(f.readDeadLetters()).isEmpty();
            assertThat(counts.get(day(Scope.TOTAL, "*", "2020-08-19"))).isEqualTo(N + 1L);
            assertThat(counts.get(day(Scope.TOTAL, "*", "2020-08-20"))).isIn(null, 0L);
            assertThat(hour(counts, "2020-08-19T10:00:00Z")).isEqualTo(6);
            assertThat(hour(counts, "2020-08-19T11:00:00Z") + hour(counts, "2020-08-19T12:00:00Z"))
                    .isEqualTo(13);
            assertThat(hour(counts, "2020-08-19T13:00:00Z")).isEqualTo(6);
            assertThat(f.counter(TopologyMetrics.FUTURE_STAMPS, "outcome", "held"))
                    .isEqualTo(1.0);
            assertThat(f.counter(TopologyMetrics.FUTURE_STAMPS, "outcome", "retimed"))
                    .isEqualTo(1.0);
        }
    }

    @Test
    void aDuplicateStampedFarAheadIsADuplicateAndMovesNothing() {
        try (TopologyFixture f = new TopologyFixture()) {
            for (int i = 0; i < N; i++) {
                f.send(release(name(i), at(i), "primary"));
                Instant copy = at(i).plus(Duration.ofMinutes(3));
                f.send(release(name(i), i == 5 ? copy.plus(Duration.ofHours(19)) : copy, "mirror"));
            }
            f.heartbeat("2020-08-21T01:00:00Z");

            Map<String, Long> counts = f.readCounts();
            assertThat(f.readDeadLetters()).isEmpty();
            assertThat(counts.get(day(Scope.TOTAL, "*", "2020-08-19"))).isEqualTo((long) N);
            for (int h = 10; h < 15; h++) {
                assertThat(hour(counts, "2020-08-19T" + h + ":00:00Z")).isEqualTo(6);
            }
            assertThat(f.counter("releasewatch_duplicates", "source", "mirror")).isEqualTo(N);
            // the median of the mirror's stamps against event time: its few minutes of delay, not the one fast stamp
            assertThat(f.gauge(TopologyMetrics.SOURCE_CLOCK_SKEW, "source", "mirror"))
                    .isBetween(0.0, 3600.0);
        }
    }

    @Test
    void aFastFirstAnnouncementIsCountedOnceInTheHourItArrivedIn() {
        try (TopologyFixture f = new TopologyFixture()) {
            for (int i = 0; i < N; i++) {
                f.send(release(name(i), at(i), "primary"));
                if (i == 9) { // the mirror is first, with a stamp 19 h fast; the primary follows at 11:35
                    f.send(release("Early.Bird-GRP", Instant.parse("2020-08-20T06:33:00Z"), "mirror"));
                    f.send(release("Early.Bird-GRP", Instant.parse("2020-08-19T11:35:00Z"), "primary"));
                }
            }
            f.heartbeat("2020-08-21T01:00:00Z");

            Map<String, Long> counts = f.readCounts();
            assertThat(f.readDeadLetters()).isEmpty();
            assertThat(counts.get(day(Scope.TOTAL, "*", "2020-08-19"))).isEqualTo(N + 1L);
            assertThat(hour(counts, "2020-08-19T11:00:00Z")).isEqualTo(7);
            assertThat(counts.get(day(Scope.TOTAL, "*", "2020-08-20"))).isIn(null, 0L);
            // the mirror's stamp runs 19 h ahead: held, and the primary's plausible announcement is the one counted
            assertThat(f.counter(TopologyMetrics.FUTURE_STAMPS, "outcome", "held"))
                    .isEqualTo(1.0);
            assertThat(f.counter(TopologyMetrics.FUTURE_STAMPS, "outcome", "duplicate"))
                    .isEqualTo(1.0);
            assertThat(f.counter(TopologyMetrics.FUTURE_STAMPS, "outcome", "retimed"))
                    .isEqualTo(0.0);
            assertThat(f.counter("releasewatch_duplicates", "source", "mirror")).isEqualTo(1.0);
            assertThat(f.counter("releasewatch_duplicates", "source", "primary"))
                    .isEqualTo(0.0);
        }
    }

    @Test
    void aSourceWhoseClockRunsHoursFastIsOutvotedByItsPeers() {
        try (TopologyFixture f = new TopologyFixture()) {
            Duration fast = Duration.ofHours(5);
            int own = 0;
            for (int i = 0; i < N; i++) {
                f.send(release(name(i), at(i), "primary"));
                f.send(release(name(i), at(i).plus(Duration.ofMinutes(2)).plus(fast), "fast-mirror"));
                if (i % 6 == 3) { // releases only the fast mirror announces, at 10:35, 11:35, ...
                    f.send(release(
                            "Only.Fast" + i + "-GRP",
                            at(i).plus(Duration.ofMinutes(5)).plus(fast),
                            "fast-mirror"));
                    own++;
                }
            }
            f.heartbeat("2020-08-21T01:00:00Z");

            Map<String, Long> counts = f.readCounts();
            assertThat(f.readDeadLetters()).isEmpty();
            assertThat(counts.get(day(Scope.TOTAL, "*", "2020-08-19"))).isEqualTo((long) N + own);
            long hours = 0;
            for (int h = 10; h < 15; h++) {
                hours += hour(counts, "2020-08-19T" + h + ":00:00Z");
            }
            assertThat(hours).isEqualTo((long) N + own);
            assertThat(hour(counts, "2020-08-19T15:00:00Z") + hour(counts, "2020-08-19T16:00:00Z"))
                    .isZero();
            assertThat(f.gauge(TopologyMetrics.SOURCE_CLOCK_SKEW, "source", "fast-mirror"))
                    .isGreaterThan(4 * 3600.0);
            assertThat(f.gauge(TopologyMetrics.SOURCE_CLOCK_SKEW, "source", "primary"))
                    .isLessThan(3600.0);
        }
    }

    @Test
    void aSlowMirrorsCopiesAreDuplicatesAndHoldNothingBack() {
        try (TopologyFixture f = new TopologyFixture()) {
            Duration slow = Duration.ofHours(3);
            int copies = 0;
            for (int i = 0; i < N; i++) {
                f.send(release(name(i), at(i), "primary"));
                int behind = i - (int) (slow.toMinutes() / STEP.toMinutes());
                if (behind >= 0) { // the slow mirror's copy of a release 3 h ago, with that release's stamp
                    f.send(release(name(behind), at(behind), "mirror-slow"));
                    copies++;
                }
            }
            // hours 10..12 are final before the slow mirror catches up: it does not hold the watermark back
            Map<String, Long> before = f.readCounts();
            assertThat(hour(before, "2020-08-19T10:00:00Z")).isEqualTo(6);
            assertThat(hour(before, "2020-08-19T12:00:00Z")).isEqualTo(6);
            for (int i = N - 18; i < N; i++) {
                f.send(release(name(i), at(i), "mirror-slow"));
                copies++;
            }
            f.heartbeat("2020-08-21T01:00:00Z");

            Map<String, Long> counts = f.readCounts();
            assertThat(f.readDeadLetters()).isEmpty();
            assertThat(counts.get(day(Scope.TOTAL, "*", "2020-08-19"))).isEqualTo((long) N);
            assertThat(f.counter("releasewatch_duplicates", "source", "mirror-slow"))
                    .isEqualTo(copies);
        }
    }

    @Test
    void daysFollowEuropeParisAcrossTheSpringChangeWithSkewedMirrors() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        try (TopologyFixture f = new TopologyFixture(Map.of("window.zone", "Europe/Paris"))) {
            Instant first = Instant.parse("2021-03-27T18:00:00Z");
            Map<LocalDate, Long> truth = new HashMap<>();
            for (int i = 0; i < 36 * 4; i++) { // every 15 min for 36 h, over the 23-hour day of 2021-03-28
                Instant t = first.plus(Duration.ofMinutes(15L * i));
                f.send(release(name(i), t, "primary"));
                Instant copy = t.plus(Duration.ofMinutes(4));
                f.send(release(name(i), i % 40 == 7 ? copy.plus(Duration.ofHours(19)) : copy, "mirror"));
                truth.merge(t.atZone(paris).toLocalDate(), 1L, Long::sum);
            }
            f.heartbeat("2021-03-30T01:00:00Z");

            Map<String, Long> counts = f.readCounts();
            assertThat(f.readDeadLetters()).isEmpty();
            assertThat(truth).hasSize(3);
            truth.forEach((date, n) -> assertThat(counts.get(key(
                            Scope.TOTAL,
                            Granularity.DAY,
                            "*",
                            date.atStartOfDay(paris).toInstant())))
                    .as("day %s", date)
                    .isEqualTo(n));
            // the spring-change day is 23 hours long: 23 h x 4 records
            assertThat(truth.get(LocalDate.parse("2021-03-28"))).isEqualTo(92L);
        }
    }

    @Test
    void aLiveProducerWhoseClockRunsHoursFastIsCountedAtArrivalAndSilenceStillCloses() {
        try (TopologyFixture f = new TopologyFixture(Map.of("watermark.idle-advance", "5m", "window.grace", "1m"))) {
            Instant now = TopologyFixture.WALL_CLOCK;
            Duration fast = Duration.ofHours(5);
            for (int i = 0; i < 3; i++) {
                Instant arrival = now.minus(Duration.ofMinutes(30 - 10L * i));
                f.sendAt(release(name(i), arrival.plus(fast), "fast-producer"), arrival);
            }
            assertThat(f.readCounts()).isEmpty();
            f.driver.advanceWallClockTime(Duration.ofHours(3));

            Map<String, Long> counts = f.readCounts();
            assertThat(f.readDeadLetters()).isEmpty();
            assertThat(hour(counts, "2025-12-31T23:00:00Z")).isEqualTo(3);
            // the silent hours after it close with 0 (the silence is seen), and nothing is counted 5 h ahead
            assertThat(counts)
                    .containsKey(key(Scope.TOTAL, Granularity.HOUR, "*", Instant.parse("2026-01-01T01:00:00Z")));
            assertThat(hour(counts, "2026-01-01T01:00:00Z")).isZero();
            assertThat(counts.keySet()).noneMatch(k -> k.contains("@2026-01-01T04:") || k.contains("@2026-01-01T05:"));
            assertThat(f.counter(TopologyMetrics.FUTURE_STAMPS, "outcome", "retimed"))
                    .isEqualTo(3.0);
            assertThat(f.gauge(TopologyMetrics.SOURCE_CLOCK_SKEW, "source", "fast-producer"))
                    .isEqualTo(5 * 3600.0);
        }
    }

    /**
     * The regression that sank the first design (a quantile front that trails by hours on a sparse feed made the
     * healthy source look fast and moved its counts to the previous day): a feed that collapses to a record every
     * 2–5 hours across midnight, announced by two mirrors, is counted at its own stamps, exactly per day and hour.
     */
    @Test
    void aSparseFeedAcrossMidnightIsCountedAtItsOwnStamps() {
        try (TopologyFixture f = new TopologyFixture()) {
            Map<String, Long> truthDays = new HashMap<>();
            Map<String, Long> truthHours = new HashMap<>();
            Instant t = START;
            for (int i = 0; i < 60; i++) {
                t = t.plus(i < 20 ? STEP : Duration.ofMinutes(120 + 37L * (i % 5)));
                f.send(release(name(i), t, "primary"));
                f.send(release(name(i), t.plus(Duration.ofMinutes(4)), "mirror"));
                truthDays.merge(t.toString().substring(0, 10), 1L, Long::sum);
                truthHours.merge(t.toString().substring(0, 13), 1L, Long::sum);
            }
            f.heartbeat(t.plus(Duration.ofDays(1)).toString());

            Map<String, Long> counts = f.readCounts();
            assertThat(f.readDeadLetters()).isEmpty();
            assertThat(truthDays).hasSizeGreaterThan(4);
            truthDays.forEach((date, n) -> assertThat(counts.get(day(Scope.TOTAL, "*", date)))
                    .as("day %s", date)
                    .isEqualTo(n));
            truthHours.forEach((h, n) ->
                    assertThat(hour(counts, h + ":00:00Z")).as("hour %s", h).isEqualTo(n));
            assertThat(f.counter(TopologyMetrics.FUTURE_STAMPS, "outcome", "retimed"))
                    .isEqualTo(0.0);
        }
    }

    /**
     * A single-source feed that goes quiet for six hours and comes back: the records after the gap are held until a
     * run of {@code watermark.jump-quorum} of them agree, then counted at their own stamps; nothing is retimed.
     */
    @Test
    void aFeedThatJumpsForwardAfterAQuietSpellIsFollowed() {
        try (TopologyFixture f = new TopologyFixture()) {
            for (int i = 0; i < N; i++) {
                f.send(release(name(i), at(i), "primary"));
            }
            Instant back = at(N).plus(Duration.ofHours(6));
            for (int i = 0; i < 12; i++) {
                f.send(release("Back" + i + "-GRP", back.plus(STEP.multipliedBy(i)), "primary"));
            }
            f.heartbeat("2020-08-21T01:00:00Z");

            Map<String, Long> counts = f.readCounts();
            assertThat(f.readDeadLetters()).isEmpty();
            assertThat(counts.get(day(Scope.TOTAL, "*", "2020-08-19"))).isEqualTo(N + 12L);
            assertThat(hour(counts, back.toString().substring(0, 13) + ":00:00Z"))
                    .isEqualTo(6);
            assertThat(f.counter(TopologyMetrics.FUTURE_STAMPS, "outcome", "released"))
                    .isEqualTo(3.0);
            assertThat(f.counter(TopologyMetrics.FUTURE_STAMPS, "outcome", "retimed"))
                    .isEqualTo(0.0);
        }
    }

    /** Past {@code watermark.max-held}, a record from the future is dead-lettered as FUTURE with its bytes. */
    @Test
    void aFloodOfFutureStampsBeyondTheHoldLimitIsDeadLetteredAsFuture() {
        try (TopologyFixture f = new TopologyFixture(Map.of("watermark.max-held", "2"))) {
            for (int i = 0; i < N; i++) {
                f.send(release(name(i), at(i), "primary"));
                if (i == 10) {
                    for (int k = 0; k < 3; k++) {
                        f.send(release("Far" + k + "-GRP", at(i).plus(Duration.ofHours(20 + k)), "broken"));
                        f.send(release(name(100 + k), at(i).plus(Duration.ofMinutes(1 + k)), "primary"));
                    }
                }
            }
            f.heartbeat("2020-08-20T02:00:00Z");

            Map<String, Long> counts = f.readCounts();
            assertThat(f.readDeadLetters())
                    .singleElement()
                    .satisfies(d -> assertThat(d.getReasonCode()).isEqualTo("FUTURE"));
            assertThat(counts.get(day(Scope.TOTAL, "*", "2020-08-19"))).isEqualTo(N + 3L + 2L);
            assertThat(f.counter(TopologyMetrics.FUTURE_STAMPS, "outcome", "retimed"))
                    .isEqualTo(2.0);
        }
    }
}
