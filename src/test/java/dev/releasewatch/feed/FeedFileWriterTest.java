package dev.releasewatch.feed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.ReleaseAnnouncement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedFileWriterTest {

    @TempDir
    Path dir;

    private static List<ReleaseAnnouncement> sample() {
        final List<ReleaseAnnouncement> records = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            records.add(new ReleaseAnnouncement(
                    EventKind.RELEASE,
                    "Some.Movie." + i + ".2020.1080p.BluRay.x264-GRP",
                    i % 7 == 0 ? null : "X264",
                    Instant.parse("2020-08-19T13:22:11.123Z").plusSeconds(i),
                    i % 3 == 0 ? "mirror-1" : "synthetic",
                    null));
        }
        records.add(new ReleaseAnnouncement(
                EventKind.RELEASE,
                "Odd, \"Quoted\" Name-GRP",
                "MP3",
                Instant.parse("2020-08-20T00:00:00Z"),
                "synthetic",
                null));
        return records;
    }

    @ParameterizedTest
    @CsvSource({"feed.jsonl, false", "feed.csv, false", "feed.jsonl.gz, true", "feed.csv.gz, true"})
    void shouldRoundTripThroughTheReader(final String file, final boolean gzip) throws IOException {
        final Path path = dir.resolve(file);
        final List<ReleaseAnnouncement> records = sample();
        try (FeedFileWriter writer = FeedFileWriter.open(
                path.toString(), FeedFormat.fromFileName(file).orElseThrow(), gzip, true)) {
            for (ReleaseAnnouncement r : records) {
                writer.write(r);
            }
        }
        try (FeedFileReader reader = FeedFileReader.open(path.toString())) {
            final List<ReleaseAnnouncement> back = reader.stream().toList();
            assertThat(back).isEqualTo(records);
            assertThat(reader.report().malformed()).isZero();
        }
    }

    @Test
    void shouldWriteNukesAsJsonLinesOnly() throws IOException {
        final ReleaseAnnouncement nuke = new ReleaseAnnouncement(
                EventKind.NUKE,
                "Bad.Release-GRP",
                "X264",
                Instant.parse("2020-08-20T00:00:00Z"),
                "file:nukes.jsonl",
                "mislabeled");
        final Path path = dir.resolve("nukes.jsonl");
        try (FeedFileWriter writer = FeedFileWriter.open(path.toString(), FeedFormat.JSONL, false, false)) {
            writer.write(nuke);
        }
        assertThat(Files.readString(path))
                .isEqualTo("{\"name\":\"Bad.Release-GRP\",\"section\":\"X264\","
                        + "\"time\":\"2020-08-20T00:00:00Z\",\"kind\":\"NUKE\",\"reason\":\"mislabeled\"}\n");
        try (FeedFileReader reader = FeedFileReader.open(path.toString())) {
            assertThat(reader.next()).isEqualTo(nuke);
        }
        try (FeedFileWriter csv = FeedFileWriter.open(dir.resolve("n.csv").toString(), FeedFormat.CSV, false, false)) {
            assertThatThrownBy(() -> csv.write(nuke)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @CsvSource({"hostile.jsonl, JSONL", "hostile.csv, CSV"})
    void shouldMixInExactlyTheMalformedLinesItCounts(final String file, final FeedFormat format) throws IOException {
        final Path path = dir.resolve(file);
        final List<ReleaseAnnouncement> records = sample();
        final long malformed;
        try (FeedFileWriter writer =
                FeedFileWriter.open(path.toString(), format, false, false).withMalformedLines(0.2, 7)) {
            for (ReleaseAnnouncement r : records) {
                writer.write(r);
            }
            malformed = writer.malformedWritten();
        }
        assertThat(malformed).isBetween(800L, 1200L);
        try (FeedFileReader reader = FeedFileReader.open(path.toString())) {
            final List<String> names =
                    reader.stream().map(ReleaseAnnouncement::getName).toList();
            assertThat(names)
                    .isEqualTo(
                            records.stream().map(ReleaseAnnouncement::getName).toList());
            assertThat(reader.report().malformed()).isEqualTo(malformed);
        }
    }
}
