package dev.releasewatch.feed.synth;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.cli.GenerateCommand;
import dev.releasewatch.feed.FeedFileReader;
import dev.releasewatch.feed.GroupName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests {@link GenerateCommand} through picocli; kept with the generator because the feed capability owns both. */
class GenerateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args) {
        final CommandLine cli = new CommandLine(new GenerateCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void shouldWriteTheSameFeedForTheSameSeedAndSummariseOnStandardError() throws IOException {
        final Path first = dir.resolve("a.jsonl.gz");
        final Path second = dir.resolve("b.jsonl.gz");
        assertThat(run(
                        "--scenario",
                        "sparks-2020",
                        "--from",
                        "2020-08-24",
                        "--to",
                        "2020-08-27",
                        "--seed",
                        "7",
                        "--out",
                        first.toString()))
                .isZero();
        assertThat(run("--from", "2020-08-24", "--to", "2020-08-27", "--seed", "7", "--out", second.toString()))
                .isZero();

        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
        assertThat(err.toString().lines())
                .hasSize(2)
                .allSatisfy(
                        line -> assertThat(line)
                                .matches(
                                        "generated \\d+ events \\(sparks-2020, seed 7\\) over 4 days 2020-08-24..2020-08-27 to .+ in .+ s"));
        try (FeedFileReader reader = FeedFileReader.open(first.toString())) {
            final List<ReleaseAnnouncement> records = reader.stream().toList();
            assertThat(records.stream().filter(r -> r.getTime().toString().startsWith("2020-08-26")))
                    .hasSize(168);
        }
    }

    @Test
    void shouldWriteATailOfExactlyTheGroupsAskedFor() throws IOException {
        final Path feed = dir.resolve("tail.jsonl");
        assertThat(run("--from", "2020-06-01", "--to", "2020-06-14", "--groups", "2000", "--out", feed.toString()))
                .isZero();
        final Path plain = dir.resolve("plain.jsonl");
        assertThat(run("--from", "2020-06-01", "--to", "2020-06-14", "--out", plain.toString()))
                .isZero();
        try (FeedFileReader tail = FeedFileReader.open(feed.toString());
                FeedFileReader normal = FeedFileReader.open(plain.toString())) {
            final List<ReleaseAnnouncement> tailed = tail.stream().toList();
            final List<ReleaseAnnouncement> before = normal.stream().toList();
            assertThat(tailed).hasSameSizeAs(before);
            final Set<String> original =
                    before.stream().map(r -> GroupName.of(r.getName())).collect(Collectors.toSet());
            assertThat(tailed.stream()
                            .map(r -> GroupName.of(r.getName()))
                            .filter(g -> !original.contains(g))
                            .distinct())
                    .hasSize(2000);
        }
    }

    @Test
    void shouldRejectANegativeTail() {
        assertThat(run("--groups", "-1", "--out", dir.resolve("x.jsonl").toString()))
                .isEqualTo(CommandLine.ExitCode.USAGE);
    }

    @Test
    void shouldWriteCsvWithMirrorsAndMalformedLines() throws IOException {
        final Path csv = dir.resolve("feed.csv");
        assertThat(run(
                        "--scenario",
                        "normal",
                        "--from",
                        "2020-06-01",
                        "--to",
                        "2020-06-02",
                        "--mirrors",
                        "2",
                        "--malformed-fraction",
                        "0.01",
                        "--out",
                        csv.toString()))
                .isZero();
        assertThat(new String(Files.readAllBytes(csv), StandardCharsets.ISO_8859_1)
                        .lines()
                        .findFirst())
                .contains("name,section,time,source");
        assertThat(err.toString()).contains("mirror copies").contains("malformed lines");
        try (FeedFileReader reader = FeedFileReader.open(csv.toString())) {
            assertThat(reader.stream().map(ReleaseAnnouncement::getSource).distinct())
                    .containsExactlyInAnyOrder("synthetic", "mirror-1", "mirror-2");
            assertThat(reader.report().malformed()).isPositive();
        }
    }

    @Test
    void shouldListScenarios() {
        assertThat(run("--list-scenarios")).isZero();
        assertThat(out.toString()).contains("sparks-2020").contains("normal");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--scenario=nope",
                "--from=2020-13-01",
                "--to=2020-05-01",
                "--format=xml",
                "--mirrors=11",
                "--malformed-fraction=0.9",
                "--seed=abc",
                "--from=2000-01-01"
            })
    void shouldRejectBadArgumentsWithExitCodeTwoAndAOneLineReason(final String bad) {
        assertThat(run(bad, "--out", dir.resolve("x.jsonl").toString())).isEqualTo(2);
        assertThat(err.toString().lines().findFirst().orElseThrow())
                .isNotBlank()
                .doesNotStartWith("Usage");
    }
}
