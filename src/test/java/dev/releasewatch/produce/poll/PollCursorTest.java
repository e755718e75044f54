package dev.releasewatch.produce.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.feed.JsonLineParser;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PollCursorTest {

    private static final Instant T = Instant.parse("2020-08-19T13:22:11Z");

    @Test
    void shouldPublishASiblingThatShowsUpAPollLaterAtTheCursorSecondButNotRepeatTheOthers() {
        PollCursor first = PollCursor.empty();
        List<ReleaseAnnouncement> page1 = List.of(r("C-G", T), r("A-G", T.minusSeconds(5)), r("B-G", T));
        List<ReleaseAnnouncement> fresh1 = first.unseen(page1);
        assertThat(fresh1).extracting(ReleaseAnnouncement::getName).containsExactly("A-G", "B-G", "C-G");
        PollCursor second = first.after(fresh1);
        assertThat(second).isEqualTo(new PollCursor(T, Set.of("b-g", "c-g")));

        List<ReleaseAnnouncement> page2 = List.of(
                r("E-G", T.plusSeconds(1)),
                r("D-G", T),
                r("C-G", T),
                r("B-G", T),
                r("A-G", T.minusSeconds(5)),
                r("E-G", T.plusSeconds(1)));
        List<ReleaseAnnouncement> fresh2 = second.unseen(page2);
        assertThat(fresh2).extracting(ReleaseAnnouncement::getName).containsExactly("D-G", "E-G");
        assertThat(second.after(fresh2)).isEqualTo(new PollCursor(T.plusSeconds(1), Set.of("e-g")));
        assertThat(second.after(List.of())).isSameAs(second);
    }

    @Test
    void shouldRoundTripThroughJson() throws Exception {
        PollCursor c = new PollCursor(T, Set.of("a-g", "b-g"));
        assertThat(PollCursor.fromJson(c.toJson())).isEqualTo(c);
        assertThat(PollCursor.fromJson(PollCursor.empty().toJson())).isEqualTo(PollCursor.empty());
    }

    @Test
    void shouldMapDottedPathsAndPointersWithTheFeedRules() throws Exception {
        var response = new ObjectMapper().readTree("""
                {"data": {"rows": [
                  {"name": "A-G", "cat": "X264", "preAt": 1597843331},
                  {"name": "B-G", "cat": "TV", "preAt": "2020-08-19T13:22:12Z"},
                  {"name": 5, "preAt": 1},
                  {"cat": "X264", "preAt": 1},
                  {"name": "C-G", "preAt": "soon"}]}}""");
        FieldMapping.Page page =
                FieldMapping.of("data.rows", "name", "/cat", "preAt").extract(response, "poll:x", new JsonLineParser());

        assertThat(page.records())
                .extracting(
                        ReleaseAnnouncement::getName,
                        ReleaseAnnouncement::getSection,
                        ReleaseAnnouncement::getTime,
                        ReleaseAnnouncement::getSource)
                .containsExactly(
                        Tuple.tuple("A-G", "X264", T, "poll:x"), Tuple.tuple("B-G", "TV", T.plusSeconds(1), "poll:x"));
        assertThat(page.rejected()).isEqualTo(3);
        assertThat(page.firstRejection()).isEqualTo("name must be a string, got number");
    }

    @Test
    void shouldChooseTheWallClockOnlyWhileTheApiIsLive() {
        Instant now = Instant.parse("2026-05-01T12:00:00Z");
        Duration lag = Duration.ofHours(6);
        assertThat(HeartbeatClock.AUTO.heartbeat(now, now.minusSeconds(600), lag))
                .isEqualTo(now);
        assertThat(HeartbeatClock.AUTO.heartbeat(now, T, lag)).isEqualTo(T);
        assertThat(HeartbeatClock.AUTO.heartbeat(now, null, lag)).isNull();
        assertThat(HeartbeatClock.WALL_CLOCK.heartbeat(now, T, lag)).isEqualTo(now);
        assertThat(HeartbeatClock.ITEM_TIME.heartbeat(now, now.minusSeconds(1), lag))
                .isEqualTo(now.minusSeconds(1));
    }

    private static ReleaseAnnouncement r(String name, Instant time) {
        return new ReleaseAnnouncement(EventKind.RELEASE, name, null, time, "poll:x", null);
    }
}
