package dev.releasewatch.feed;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.ReleaseAnnouncement;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedFileReaderTest {

    private static final Instant T = Instant.parse("2020-08-19T13:22:11Z");

    @TempDir
    Path dir;

    @Test
    void shouldReadJsonLinesWithEveryTimeFormAndSkipMalformedLines() throws IOException {
        final String feed = String.join(
                "\n",
                "{\"name\": \"Some.Movie.2020.1080p.BluRay.x264-SPARKS\", \"section\": \"X264\", \"time\": \"2020-08-19T13:22:11Z\"}",
                "{\"name\": \"A.Show.S02E05.720p.HDTV.x264-KILLERS\", \"section\": \"TV-HD-X264\", \"time\": 1597843331}",
                "",
                "{\"name\": \"Numeric.String-GRP\", \"section\": \"MP3\", \"time\": \"1597843331\"}",
                "   ",
                "{\"name\": \"Fraction-GRP\", \"time\": 1597843331.25}",
                "{\"name\": \"Millis-GRP\", \"section\": null, \"time\": 1597843331000}",
                "{\"name\": \"Offset-GRP\", \"section\": \"X264\", \"time\": \"2020-08-19T15:22:11+02:00\"}",
                "{\"name\": \"Nuked-GRP\", \"section\": \"X264\", \"time\": \"2020-08-19T13:22:11Z\", \"kind\": \"nuke\", \"reason\": \"dupe.2019\"}",
                "{\"section\": \"X264\", \"time\": \"2020-08-19T13:22:11Z\"}",
                "{\"name\": \"No.Time-GRP\", \"section\": \"X264\"}",
                "{\"name\": 42, \"section\": \"X264\", \"time\": 1597843331}",
                "{\"name\": \"Bad.Time-GRP\", \"time\": \"yesterday\"}",
                "{\"name\": \"Truncated-GRP\", \"time\": 15978",
                "not json at all",
                "[1, 2, 3]",
                "{\"name\": \"  \", \"time\": 1597843331}",
                "{\"name\": \"Heart-GRP\", \"time\": 1597843331, \"kind\": \"HEARTBEAT\"}",
                "{\"name\": \"Trailing-GRP\", \"time\": 1597843331} {\"x\": 1}",
                "{\"name\": \"Last.Line.Without.Newline-GRP\", \"section\": \"EBOOK\", \"time\": 1597843331, \"extra\": {\"ignored\": true}}");
        final Path file = write("feed.jsonl", feed.getBytes(StandardCharsets.UTF_8));

        final List<ReleaseAnnouncement> records;
        final FeedReadReport report;
        try (FeedFileReader reader = FeedFileReader.open(file.toString())) {
            records = drain(reader);
            report = reader.report();
        }

        assertThat(records).hasSize(8);
        assertThat(records)
                .allSatisfy(r ->
                        assertThat(r.getTime()).isEqualTo(r.getName().startsWith("Fraction") ? T.plusMillis(250) : T));
        assertThat(records).allSatisfy(r -> assertThat(r.getSource()).isEqualTo("file:feed.jsonl"));
        assertThat(records.get(1).getSection()).isEqualTo("TV-HD-X264");
        assertThat(records.get(3).getSection()).isNull();
        assertThat(records.get(4).getSection()).isNull();
        assertThat(records.get(7).getSection()).isEqualTo("EBOOK");
        assertThat(records.get(6).getKind()).isEqualTo(EventKind.NUKE);
        assertThat(records.get(6).getReason()).isEqualTo("dupe.2019");
        assertThat(records.get(0).getKind()).isEqualTo(EventKind.RELEASE);
        assertThat(report.records()).isEqualTo(8);
        assertThat(report.blankLines()).isEqualTo(2);
        assertThat(report.malformed()).isEqualTo(10);
        assertThat(report.firstMalformed())
                .extracting(MalformedLine::lineNumber)
                .containsExactly(10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
        assertThat(report.firstMalformed())
                .extracting(MalformedLine::reason)
                .containsExactly(
                        "missing name",
                        "missing time",
                        "name must be a string, got number",
                        "unparseable time 'yesterday'",
                        report.firstMalformed().get(4).reason(),
                        report.firstMalformed().get(5).reason(),
                        "not a JSON object",
                        "empty name",
                        "kind HEARTBEAT is not allowed in a feed file",
                        report.firstMalformed().get(9).reason());
        assertThat(report.firstMalformed().get(4).reason()).startsWith("invalid JSON");
        assertThat(report.firstMalformed().get(5).reason()).startsWith("invalid JSON");
        assertThat(report.firstMalformed().get(9).reason()).startsWith("invalid JSON");
        assertThat(report.summary()).startsWith("8 records, 10 malformed lines skipped (line 10: missing name");
    }

    @Test
    void shouldHandleBomCrlfAndInvalidUtf8() throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.writeBytes("{\"name\": \"First-GRP\", \"section\": \"X264\", \"time\": 1597843331}\r\n"
                .getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("{\"name\": \"Caf\u00e9.Music-GRP\", \"section\": \"MP3\", \"time\": 1597843331}\r\n"
                .getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("{\"name\": \"Broken-".getBytes(StandardCharsets.UTF_8));
        bytes.write(new byte[] {(byte) 0xC3, (byte) 0x28});
        bytes.writeBytes("\", \"time\": 1597843331}\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("{\"name\": \"After-GRP\", \"time\": 1597843331}\r\n".getBytes(StandardCharsets.UTF_8));
        final List<MalformedLine> seen = new ArrayList<>();

        final List<ReleaseAnnouncement> records;
        final FeedReadReport report;
        try (FeedFileReader reader = FeedFileReader.open(
                new ByteArrayInputStream(bytes.toByteArray()),
                "x.jsonl",
                FeedReadOptions.defaults().withSource("test").withOnMalformed(seen::add))) {
            records = drain(reader);
            report = reader.report();
        }

        assertThat(records)
                .extracting(ReleaseAnnouncement::getName)
                .containsExactly("First-GRP", "Caf\u00e9.Music-GRP", "After-GRP");
        assertThat(report.malformed()).isEqualTo(1);
        assertThat(report.blankLines()).isEqualTo(1);
        assertThat(seen).singleElement().satisfies(line -> {
            assertThat(line.lineNumber()).isEqualTo(3);
            assertThat(line.reason()).isEqualTo("invalid UTF-8");
            assertThat(line.raw()).contains((byte) 0xC3, (byte) 0x28);
        });
    }

    @Test
    void shouldReadRfc4180CsvWithHeaderInAnyOrder() throws IOException {
        final String feed = "\uFEFFtime,name,section\r\n"
                + "2020-08-19T13:22:11Z,Some.Movie.2020.1080p.BluRay.x264-SPARKS,X264\r\n"
                + "1597843331,\"Quoted,With.Comma-GRP\",MP3\r\n"
                + "1597843331,\"Say \"\"Hi\"\"-GRP\",\r\n"
                + "\r\n"
                + "1597843331,\"Multi\nLine-GRP\",TV-SD\r\n"
                + "1597843331,Too,Many,Fields\r\n"
                + "1597843331,Stray\"Quote-GRP,X264\r\n"
                + "soon,Bad.Time-GRP,X264\r\n"
                + "1597843331,,X264\r\n"
                + "1597843331,Last-GRP,EBOOK";
        final Path file = write("feed.csv", feed.getBytes(StandardCharsets.UTF_8));

        final List<ReleaseAnnouncement> records;
        final FeedReadReport report;
        try (FeedFileReader reader = FeedFileReader.open(file.toString())) {
            assertThat(reader.format()).isEqualTo(FeedFormat.CSV);
            records = drain(reader);
            report = reader.report();
        }

        assertThat(records)
                .extracting(ReleaseAnnouncement::getName)
                .containsExactly(
                        "Some.Movie.2020.1080p.BluRay.x264-SPARKS",
                        "Quoted,With.Comma-GRP",
                        "Say \"Hi\"-GRP",
                        "Multi\nLine-GRP",
                        "Last-GRP");
        assertThat(records).allSatisfy(r -> assertThat(r.getTime()).isEqualTo(T));
        assertThat(records.get(2).getSection()).isNull();
        assertThat(records.get(3).getSection()).isEqualTo("TV-SD");
        assertThat(report.blankLines()).isEqualTo(1);
        assertThat(report.firstMalformed())
                .extracting(MalformedLine::lineNumber, MalformedLine::reason)
                .containsExactly(
                        Tuple.tuple(8L, "expected 3 fields, got 4"),
                        Tuple.tuple(9L, "quote inside unquoted field 2"),
                        Tuple.tuple(10L, "unparseable time 'soon'"),
                        Tuple.tuple(11L, "empty name"));
    }

    @Test
    void shouldReadCsvWithoutHeaderAsNameSectionTime() throws IOException {
        final Path file = write(
                "feed.txt",
                "Some.Movie-GRP,X264,2020-08-19T13:22:11Z\nOther-GRP,,1597843331\n".getBytes(StandardCharsets.UTF_8));
        try (FeedFileReader reader = FeedFileReader.open(file.toString())) {
            assertThat(reader.format()).isEqualTo(FeedFormat.CSV);
            assertThat(drain(reader))
                    .extracting(ReleaseAnnouncement::getName, ReleaseAnnouncement::getSection)
                    .containsExactly(Tuple.tuple("Some.Movie-GRP", "X264"), Tuple.tuple("Other-GRP", null));
        }
    }

    @Test
    void shouldRefuseCsvHeaderWithoutTimeColumn() throws IOException {
        final Path file = write("feed.csv", "name,section\nA-GRP,X264\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> FeedFileReader.open(file.toString()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'name' and 'time'");
    }

    @Test
    void shouldDetectGzipByExtensionAndByMagicBytesAndFormatByContent() throws IOException {
        final byte[] plain = ("{\"name\": \"A-GRP\", \"section\": \"X264\", \"time\": 1597843331}\n"
                        + "{\"name\": \"B-GRP\", \"section\": \"X264\", \"time\": 1597843331}\n"
                        + "garbage\n")
                .getBytes(StandardCharsets.UTF_8);
        final Path named = write("feed.jsonl.gz", gzip(plain));
        final Path anonymous = write("feed.data", gzip(plain));

        for (Path file : List.of(named, anonymous)) {
            try (FeedFileReader reader = FeedFileReader.open(file.toString())) {
                assertThat(reader.format()).isEqualTo(FeedFormat.JSONL);
                assertThat(drain(reader)).hasSize(2);
                assertThat(reader.report().malformed()).isEqualTo(1);
            }
        }
    }

    @Test
    void shouldReadStandardInputWithoutClosingIt() throws IOException {
        final InputStream original = System.in;
        final ByteArrayInputStream stdin =
                new ByteArrayInputStream("name,section,time\nA-GRP,X264,1597843331\n".getBytes(StandardCharsets.UTF_8));
        System.setIn(stdin);
        try (FeedFileReader reader = FeedFileReader.open(FeedFileReader.STDIN)) {
            assertThat(drain(reader))
                    .singleElement()
                    .satisfies(r -> assertThat(r.getSource()).isEqualTo("stdin"));
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void shouldSkipOverlongLinesWithoutBufferingThem() throws IOException {
        final String longName = "x".repeat(5000);
        final String feed = "{\"name\": \"" + longName + "\", \"time\": 1597843331}\n"
                + "{\"name\": \"Short-GRP\", \"time\": 1597843331}\n";
        try (FeedFileReader reader = FeedFileReader.open(
                new ByteArrayInputStream(feed.getBytes(StandardCharsets.UTF_8)),
                null,
                FeedReadOptions.defaults().withMaxLineBytes(1024))) {
            assertThat(drain(reader)).extracting(ReleaseAnnouncement::getName).containsExactly("Short-GRP");
            assertThat(reader.report().firstMalformed()).singleElement().satisfies(line -> {
                assertThat(line.reason()).isEqualTo("line longer than 1024 bytes");
                assertThat(line.raw()).hasSize(1024);
            });
        }
    }

    @Test
    void shouldStreamMillionsOfLinesInBoundedMemory() throws IOException {
        final long lines = 1_000_000;
        final InputStream endless = new InputStream() {
            private long line;
            private byte[] current = new byte[0];
            private int position;

            @Override
            public int read() {
                if (position == current.length) {
                    if (line == lines) {
                        return -1;
                    }
                    line++;
                    current = ("{\"name\": \"Release." + line + "-GRP\", \"section\": \"X264\", \"time\": "
                                    + (1597843331 + line) + "}\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    position = 0;
                }
                return current[position++];
            }
        };
        try (FeedFileReader reader = FeedFileReader.open(endless, "endless.jsonl", FeedReadOptions.defaults())) {
            assertThat(reader.stream().count()).isEqualTo(lines);
            assertThat(reader.report().records()).isEqualTo(lines);
        }
    }

    private Path write(final String name, final byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] gzip(final byte[] plain) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(plain);
        }
        return bytes.toByteArray();
    }

    private static List<ReleaseAnnouncement> drain(final FeedFileReader reader) {
        final List<ReleaseAnnouncement> records = new ArrayList<>();
        reader.forEachRemaining(records::add);
        return records;
    }
}
