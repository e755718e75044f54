package dev.releasewatch.produce.poll;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.feed.JsonLineParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** predb.ovh's v1 format as documented: envelope, error status, rows with nuke objects; and the nuke cursor. */
class PredbOvhFormatTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final FieldMapping MAPPING = FieldMapping.of("data.rows", "name", "cat", "preAt");

    private static JsonNode json(String s) throws Exception {
        return MAPPER.readTree(s);
    }

    private static FieldMapping.Page page(String body) throws Exception {
        JsonNode root = json(body);
        PredbOvhRows.checkEnvelope(root);
        return MAPPING.extract(root, "poll:t", new JsonLineParser(), FeedDialect.PREDB_OVH);
    }

    @Test
    void anErrorEnvelopeIsAFailedPollWithTheApisMessage() {
        assertThatThrownBy(() -> page("{\"status\": \"error\", \"message\": \"Too many requests\", \"data\": null}"))
                .isInstanceOf(PollFailedException.class)
                .hasMessageContaining("error")
                .hasMessageContaining("Too many requests");
        assertThatThrownBy(() -> page("[]")).isInstanceOf(PollFailedException.class);
    }

    @Test
    void rowsBecomeReleasesAndTheirNukeStateNukeOrUnnukeEvents() throws Exception {
        FieldMapping.Page p = page("""
                {"status": "success", "message": "", "data": {"rowCount": 4, "rows": [
                  {"id": 4, "name": "A.2020.1080p.WEB.h264-GRP", "team": "GRP", "cat": "TV-HD", "genre": "",
                   "url": "", "size": 0, "files": 0, "preAt": 1598400000, "nuke": null},
                  {"id": 3, "name": "B.2020.1080p.WEB.h264-GRP", "team": "GRP", "cat": "TV-HD", "preAt": 1598300000,
                   "nuke": {"id": 9, "type": "nuke", "reason": "dupe", "net": "LocalNet", "nukeAt": 1598390000}},
                  {"id": 2, "name": "C.2020.1080p.WEB.h264-GRP", "team": "GRP", "cat": "TV-HD", "preAt": 1598200000,
                   "nuke": {"id": 8, "type": "unnuke", "reason": "fine", "net": "LocalNet", "nukeAt": 1598380000}},
                  {"id": 1, "name": "D.2020.1080p.WEB.h264-GRP", "team": "GRP", "cat": "TV-HD", "preAt": 1598100000,
                   "nuke": {"id": 7, "type": "delpre", "reason": "x", "net": "LocalNet", "nukeAt": 1598370000}}
                ], "offset": 0, "reqCount": 4, "total": 4, "time": 0.01}}""");
        assertThat(p.records()).extracting(ReleaseAnnouncement::getKind).containsOnly(EventKind.RELEASE);
        assertThat(p.records()).hasSize(4);
        assertThat(p.records().get(0).getSection()).isEqualTo("TV-HD");
        assertThat(p.records().get(0).getTime()).isEqualTo(Instant.ofEpochSecond(1598400000));
        assertThat(p.nukes()).hasSize(2);
        ReleaseAnnouncement nuke = p.nukes().get(0);
        assertThat(nuke.getKind()).isEqualTo(EventKind.NUKE);
        assertThat(nuke.getName()).isEqualTo("B.2020.1080p.WEB.h264-GRP");
        assertThat(nuke.getReason()).isEqualTo("dupe");
        assertThat(nuke.getTime()).isEqualTo(Instant.ofEpochSecond(1598390000));
        assertThat(p.nukes().get(1).getKind()).isEqualTo(EventKind.UNNUKE);
    }

    private static ReleaseAnnouncement event(String name, EventKind kind) {
        return new ReleaseAnnouncement(kind, name, null, Instant.ofEpochSecond(1598390000), "poll:t", "r");
    }

    @Test
    void eachNukeAndUnnukeIsPublishedOnceAndAReasonChangeNotAtAll() throws Exception {
        PollCursor c = PollCursor.empty();
        List<ReleaseAnnouncement> first = c.unseenNukes(List.of(event("B", EventKind.NUKE)));
        assertThat(first).hasSize(1);
        c = c.afterNukes(first);
        assertThat(c.unseenNukes(List.of(event("B", EventKind.NUKE))))
                .as("same state again")
                .isEmpty();
        List<ReleaseAnnouncement> unnuke = c.unseenNukes(List.of(event("B", EventKind.UNNUKE)));
        assertThat(unnuke).extracting(ReleaseAnnouncement::getKind).containsExactly(EventKind.UNNUKE);
        c = c.afterNukes(unnuke);
        assertThat(c.unseenNukes(List.of(event("B", EventKind.NUKE))))
                .as("nuked again")
                .hasSize(1);
        PollCursor back = PollCursor.fromJson(c.toJson());
        assertThat(back).isEqualTo(c);
        assertThat(PollCursor.fromJson("{\"time\": null, \"names\": []}".getBytes())
                        .nukes())
                .as("a cursor written before nukes were kept")
                .isEmpty();
    }

    @Test
    void theNukeMemoryIsBounded() {
        PollCursor c = new PollCursor(null, Set.of());
        for (int i = 0; i < PollCursor.MAX_NUKES + 10; i++) {
            c = c.afterNukes(List.of(event("R" + i, EventKind.NUKE)));
        }
        assertThat(c.nukes())
                .hasSize(PollCursor.MAX_NUKES)
                .doesNotContainKey("r0")
                .containsKey("r10");
    }

    @Test
    void failuresBackOffUpToACapAndTheRateLimitSpacesRequests() {
        Duration minute = Duration.ofMinutes(1);
        assertThat(ReleasePoller.retryDelay(1, minute)).isEqualTo(minute);
        assertThat(ReleasePoller.retryDelay(2, minute)).isEqualTo(Duration.ofMinutes(2));
        assertThat(ReleasePoller.retryDelay(3, minute)).isEqualTo(Duration.ofMinutes(4));
        assertThat(ReleasePoller.retryDelay(30, minute)).isEqualTo(ReleasePoller.MAX_RETRY_DELAY);
        assertThat(ReleasePoller.retryDelay(5, Duration.ofHours(1))).isEqualTo(Duration.ofHours(1));
        assertThat(settings(30).requestSpacing()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings(0).requestSpacing()).isZero();
    }

    private static PollerSettings settings(int perMinute) {
        return new PollerSettings(
                "t",
                URI.create("http://127.0.0.1/api/v1/"),
                Duration.ofSeconds(60),
                MAPPING,
                "cursors",
                HeartbeatClock.AUTO,
                Duration.ofHours(6),
                Duration.ofSeconds(10),
                1 << 20,
                FeedDialect.PREDB_OVH,
                perMinute,
                null);
    }
}
