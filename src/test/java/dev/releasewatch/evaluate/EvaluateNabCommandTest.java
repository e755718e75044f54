package dev.releasewatch.evaluate;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.releasewatch.cli.EvaluateNabCommand;
import dev.releasewatch.detect.OnlineSeriesScorer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code release-watch evaluate-nab} on the shared NAB data, read in place (the tests fail naming the missing path
 * without it).
 */
@Tag("evaluation")
class EvaluateNabCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicInteger scorersCreated = new AtomicInteger();
    private final List<String> cadences = new ArrayList<>();

    /** Never alerts, scores 0: NAB's null detector. */
    private final SeriesScorerFactory silent = new SeriesScorerFactory() {
        @Override
        public OnlineSeriesScorer create(Duration bucket, int dailyPeriod, int weeklyPeriod, String direction) {
            assertThat(direction).isEqualTo(BOTH);
            cadences.add(bucket + "/" + dailyPeriod + "/" + weeklyPeriod);
            scorersCreated.incrementAndGet();
            return (time, value) -> new OnlineSeriesScorer.Score(0, false);
        }

        @Override
        public String name() {
            return "silent";
        }
    };

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new EvaluateNabCommand(silent));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void shouldPrintOursBesideEveryPublishedDetectorAsMarkdown() {
        int exit = run(
                "--profile",
                "standard",
                "--markdown",
                "--data",
                NabDataset.locate(null).root().toString());

        assertThat(exit).isZero();
        assertThat(scorersCreated).hasValue(6);
        assertThat(cadences).containsOnly("PT5M/288/2016");
        assertThat(out.toString())
                .contains("### standard profile (A_TP 1, A_FP 0.11, A_FN 1)")
                .contains("| detector | detection when | normalised | TP/FN/FP |")
                .contains("| **silent** | alert flag | 0.0 | 0/17/0 |")
                .contains("| contextOSE | score >= 0.7655 (NAB's) | 86.9 | 16/1/5 |")
                .contains("| bayesChangePt | score >= 0.9846 (NAB's) | 16.9 | 13/4/179 |")
                .doesNotContain("reward_low_FP_rate profile")
                .doesNotContain("oracle-tuned)");
    }

    @Test
    void shouldReportAllThreeProfilesStandardFirstAndOracleRowsApart() {
        int exit = run("--oracle-sweep");

        assertThat(exit).isZero();
        String text = out.toString();
        assertThat(text.indexOf("standard profile"))
                .isLessThan(text.indexOf("reward_low_FP_rate profile"))
                .isGreaterThanOrEqualTo(0);
        assertThat(text).contains("reward_low_FN_rate profile (A_TP 1, A_FP 0.11, A_FN 2)");
        assertThat(text).contains("oracle-tuned (threshold chosen on these labels; in-sample, not comparable):");
        assertThat(text).contains("contextOSE").contains("16/1/5");
    }

    @Test
    void shouldScoreEveryOneOfTheFortySixFurtherSeriesBesideThePublishedDetectorsOnThem() {
        int exit = run("--set", "more", "--profile", "standard", "--markdown");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(scorersCreated).hasValue(46);
        assertThat(out.toString())
                .contains("| **silent** | alert flag | 0.0 | 0/76/0 |")
                .contains("| ARTime | score >= ")
                .contains("70.7 | 66/10/136 |")
                .contains("| contextOSE | ")
                .contains("69.5 | 61/15/55 |")
                .doesNotContain("bayesChangePt");
    }

    @Test
    void shouldSayPlainlyWhereItLookedWhenTheDataIsAbsent(@TempDir Path empty) {
        int exit = run("--data", empty.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("NAB data not found")
                .contains(empty.toString())
                .contains("--data");
    }
}
