package dev.releasewatch.produce.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;

import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.ReleaseAnnouncement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestBodyParserTest {

    private final IngestBodyParser parser = new IngestBodyParser(3);

    @Test
    void shouldReadAJsonArrayWithHeaderSourceAndFieldOverride() throws Exception {
        IngestBatch batch = parse("application/json", """
                [{"name": "A.2020-GRP", "section": "X264", "time": "2020-08-19T13:22:11Z"},
                 {"name": "B.2020-GRP", "time": 1597843331, "source": "mirror-2", "kind": "nuke", "reason": "dupe"}]""");

        assertThat(batch.rejected()).isZero();
        assertThat(batch.records())
                .containsExactly(
                        new ReleaseAnnouncement(
                                EventKind.RELEASE,
                                "A.2020-GRP",
                                "X264",
                                Instant.parse("2020-08-19T13:22:11Z"),
                                "hdr",
                                null),
                        new ReleaseAnnouncement(
                                EventKind.NUKE,
                                "B.2020-GRP",
                                null,
                                Instant.parse("2020-08-19T13:22:11Z"),
                                "mirror-2",
                                "dupe"));
    }

    @Test
    void shouldRejectInvalidArrayElementsOneByOneAndListOnlyTheFirstFew() throws Exception {
        IngestBatch batch = parse(null, """
                [{"name": "ok-GRP", "time": 1}, 42, {"name": ""  , "time": 1}, {"time": 1}, {"name": 7, "time": 1},
                 {"name": "x-GRP", "time": 1e999999}, {"name": "y-GRP", "time": 1234567890123456789012345678901234567890}, null]""");

        assertThat(batch.records()).extracting(ReleaseAnnouncement::getName).containsExactly("ok-GRP");
        assertThat(batch.indexes()).containsExactly(0);
        assertThat(batch.rejected()).isEqualTo(7);
        assertThat(batch.rejections())
                .containsExactly(
                        new Rejection(1, "not a JSON object"),
                        new Rejection(2, "empty name"),
                        new Rejection(3, "missing name"));
    }

    @Test
    void shouldRefuseTheWholeArrayWhenItIsNotValidJson() {
        assertThatThrownBy(() -> parse("application/json", "[{\"name\": \"a-G\", \"time\": 1}, {\"name\": "))
                .isInstanceOf(UnreadableBodyException.class)
                .hasMessageStartingWith("invalid JSON in element 1");
        assertThatThrownBy(() -> parse("application/json", "[{\"name\": \"a-G\", \"time\": 1}] trailing"))
                .isInstanceOf(UnreadableBodyException.class)
                .hasMessageContaining("after the JSON array");
        assertThatThrownBy(() -> parse("application/json", "\"just a string\""))
                .isInstanceOf(UnreadableBodyException.class);
        assertThatThrownBy(() -> parse("application/json", "[" + "[".repeat(5000) + "]".repeat(5000) + "]"))
                .isInstanceOf(UnreadableBodyException.class);
        assertThatThrownBy(() -> parseBytes(
                        "application/json",
                        concat("[{\"name\": \"", new byte[] {(byte) 0xC3, 0x28}, "-G\", \"time\": 1}]")))
                .isInstanceOf(UnreadableBodyException.class);
    }

    @Test
    void shouldReadJsonLinesIndependentlyWithLineIndexes() throws Exception {
        byte[] body = concat(
                "\uFEFF{\"name\": \"a-G\", \"time\": 1}\r\n\n{oops\n{\"name\": \"",
                new byte[] {(byte) 0xFF, (byte) 0xFE},
                "\", \"time\": 1}\n{\"name\": \"b-G\", \"time\": \"2020-01-01T00:00:00Z\"}");

        IngestBatch batch = parseBytes("application/x-ndjson", body);

        assertThat(batch.records()).extracting(ReleaseAnnouncement::getName).containsExactly("a-G", "b-G");
        assertThat(batch.indexes()).as("line indexes, blank line included").containsExactly(0, 4);
        assertThat(batch.rejections())
                .containsExactly(
                        new Rejection(2, batch.rejections().get(0).reason()), new Rejection(3, "invalid UTF-8"));
        assertThat(batch.rejections().get(0).reason()).startsWith("invalid JSON");
    }

    @Test
    void shouldSniffTheLayoutWhenTheContentTypeSaysNothing() throws Exception {
        assertThat(parse("text/plain", " [{\"name\": \"a-G\", \"time\": 1}]").records())
                .hasSize(1);
        assertThat(parse(null, "{\"name\": \"a-G\", \"time\": 1}\n{\"name\": \"b-G\", \"time\": 1}")
                        .records())
                .hasSize(2);
        assertThat(parse(null, "").records()).isEmpty();
        assertThat(parse("application/json", "{\"name\": \"a-G\", \"time\": 1}").records())
                .hasSize(1);
    }

    @Test
    void shouldSurviveRandomBytes() {
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[random.nextInt(2000)];
            random.nextBytes(junk);
            for (String type : new String[] {"application/json", "application/x-ndjson", null}) {
                try {
                    IngestBatch batch = parseBytes(type, junk);
                    assertThat(batch.records()).isEmpty();
                } catch (UnreadableBodyException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                }
            }
        }
    }

    private IngestBatch parse(String type, String body) throws UnreadableBodyException {
        return parseBytes(type, body.getBytes(StandardCharsets.UTF_8));
    }

    private IngestBatch parseBytes(String type, byte[] body) throws UnreadableBodyException {
        return parser.parse(type, body, "hdr");
    }

    private static byte[] concat(String a, byte[] middle, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[x.length + middle.length + y.length];
        System.arraycopy(x, 0, out, 0, x.length);
        System.arraycopy(middle, 0, out, x.length, middle.length);
        System.arraycopy(y, 0, out, x.length + middle.length, y.length);
        return out;
    }
}
