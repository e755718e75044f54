package dev.releasewatch.evaluate;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.releasewatch.cli.EvaluateCommand;
import dev.releasewatch.detect.OnlineSeriesScorer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code release-watch evaluate} (the command lives in {@code cli}; its tests stay with the benchmark it serves).
 */
class EvaluateCommandTest {

    @TempDir
    Path dir;

    private Path input;
    private Path output;
    private final List<String> created = new ArrayList<>();
    private final List<Instant> fed = new ArrayList<>();
    private final StringWriter err = new StringWriter();

    /** Scores each row value / 10 and alerts when the value is at least 5, recording what it was given. */
    private final SeriesScorerFactory recording = (bucket, daily, weekly, direction) -> {
        created.add(bucket + "/" + daily + "/" + weekly + "/" + direction);
        return new OnlineSeriesScorer() {
            @Override
            public Score next(Instant time, double value) {
                fed.add(time);
                return new Score(value / 10, value >= 5);
            }
        };
    };

    @BeforeEach
    void writeSeries() throws IOException {
        input = Files.writeString(dir.resolve("series.csv"), """
                timestamp,value
                2014-07-01 00:00:00,1
                2014-07-01 00:05:00,2.5
                2014-07-01 00:15:00,7
                2014-07-01 00:20:00,0
                """);
        output = dir.resolve("scored.csv");
    }

    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new EvaluateCommand(recording));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void shouldWriteTimestampValueScoreAndLabelForEveryRow() throws IOException {
        int exit = run("--input", input.toString(), "--output", output.toString(), "--direction", "both");

        assertThat(exit).isZero();
        assertThat(Files.readAllLines(output))
                .containsExactly(
                        "timestamp,value,anomaly_score,label",
                        "2014-07-01 00:00:00,1,0.1,0",
                        "2014-07-01 00:05:00,2.5,0.25,0",
                        "2014-07-01 00:15:00,7,0.7,1",
                        "2014-07-01 00:20:00,0,0,0");
    }

    @Test
    void shouldFeedRowsInTimeOrderToOneScorerWithTheInferredBucket() {
        run("--input", input.toString(), "--output", output.toString());

        assertThat(created).containsExactly("PT5M/0/0/drop");
        assertThat(fed).isSorted().hasSize(4);
    }

    @Test
    void shouldUseAnExplicitBucket() {
        run("--input", input.toString(), "--output", output.toString(), "--bucket", "PT1M", "--direction", "spike");

        assertThat(created).containsExactly("PT1M/0/0/spike");
    }

    @Test
    void shouldRefuseAnUnknownDirection() {
        int exit = run("--input", input.toString(), "--output", output.toString(), "--direction", "up");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--direction must be one of [drop, spike, both]");
        assertThat(output).doesNotExist();
    }

    @Test
    void shouldExplainAnUnreadableInputWithoutAStackTrace() {
        int exit = run("--input", dir.resolve("missing.csv").toString(), "--output", output.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString())
                .startsWith("cannot score ")
                .contains("missing.csv")
                .doesNotContain("\tat ");
    }

    @Test
    void shouldRejectAScorerReturningAScoreOutsideZeroToOne() {
        NabSeries series = new NabSeries("s", List.of(Instant.EPOCH), new double[] {1});

        assertThatThrownBy(() -> ScoredSeries.scoreOnline(series, (t, v) -> new OnlineSeriesScorer.Score(1.5, false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside [0, 1]");
    }

    @Test
    void shouldRunTheDetectorCoreByDefault() throws IOException {
        CommandLine commandLine = new CommandLine(new EvaluateCommand());
        StringWriter defaultOut = new StringWriter();
        commandLine.setOut(new PrintWriter(defaultOut));

        int exit = commandLine.execute(
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--bucket",
                Duration.ofMinutes(5).toString());

        assertThat(exit).isZero();
        assertThat(defaultOut.toString()).contains("release-watch detector: 4 rows, bucket PT5M");
        assertThat(Files.readAllLines(output))
                .hasSize(5)
                .allSatisfy(line -> assertThat(line.split(",")).hasSize(4));
    }

    @Test
    void shouldScoreEveryRowOfAMessySeriesFeedingTheLatestTimeAndSkippingMissingValues() throws IOException {
        Path messy = Files.writeString(dir.resolve("messy.csv"), """
                timestamp,value
                2014-07-01 00:00:00,1
                2014-07-01 00:05:00,2
                2014-07-01 00:05:00,6
                2014-07-01 00:00:00,3
                2014-07-01 00:10:00,
                2014-07-01 01:10:00,4
                """);

        int exit = run("--input", messy.toString(), "--output", output.toString(), "--direction", "both");

        assertThat(exit).isZero();
        assertThat(created).containsExactly("PT5M/0/0/both");
        assertThat(fed)
                .as("the clock never goes back; the missing value is not fed; the gap is not filled")
                .containsExactly(
                        Instant.parse("2014-07-01T00:00:00Z"),
                        Instant.parse("2014-07-01T00:05:00Z"),
                        Instant.parse("2014-07-01T00:05:00Z"),
                        Instant.parse("2014-07-01T00:05:00Z"),
                        Instant.parse("2014-07-01T01:10:00Z"));
        assertThat(Files.readAllLines(output))
                .containsExactly(
                        "timestamp,value,anomaly_score,label",
                        "2014-07-01 00:00:00,1,0.1,0",
                        "2014-07-01 00:05:00,2,0.2,0",
                        "2014-07-01 00:05:00,6,0.6,1",
                        "2014-07-01 00:00:00,3,0.3,0",
                        "2014-07-01 00:10:00,NaN,0,0",
                        "2014-07-01 01:10:00,4,0.4,0");
        assertThat(out.toString())
                .contains("2 row(s) not after the latest timestamp before them (fed at the latest time), "
                        + "1 missing value(s) (not fed, scored 0)");
    }
}
