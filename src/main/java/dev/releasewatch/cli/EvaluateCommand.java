package dev.releasewatch.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import dev.releasewatch.evaluate.DetectorScorerFactory;
import dev.releasewatch.evaluate.NabSeries;
import dev.releasewatch.evaluate.ScoredSeries;
import dev.releasewatch.evaluate.ScoredSeriesCsv;
import dev.releasewatch.evaluate.SeriesCadence;
import dev.releasewatch.evaluate.SeriesScorerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code release-watch evaluate}: runs the detector core strictly online over an external count series in NAB's
 * format and writes its verdict on every row, so any benchmark's scorer can judge it.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = "Score a series (CSV timestamp,value; NAB format) strictly online and write "
                + "timestamp,value,anomaly_score,label (label 1 where the detector alerts). Repeated, late or "
                + "out-of-order timestamps, gaps and missing values are accepted (see docs/detector.md).")
public final class EvaluateCommand implements Callable<Integer> {

    private static final List<String> DIRECTIONS =
            List.of(SeriesScorerFactory.DROP, SeriesScorerFactory.SPIKE, SeriesScorerFactory.BOTH);

    private final SeriesScorerFactory factory;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "SERIES.csv",
            description = "Series to score: header timestamp,value; " + "timestamps like 2014-07-01 00:00:00, UTC.")
    private Path input;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "SCORED.csv",
            description = "Where to write the scored series.")
    private Path output;

    @Option(
            names = "--bucket",
            paramLabel = "DURATION",
            description = "Row width, e.g. PT5M (default: the most common step between rows).")
    private Duration bucket;

    @Option(
            names = "--direction",
            defaultValue = SeriesScorerFactory.DROP,
            paramLabel = "drop|spike|both",
            description = "Which deviations alert (default: ${DEFAULT-VALUE}).")
    private String direction;

    /** The command with the scorer the lead wires in. */
    public EvaluateCommand(SeriesScorerFactory factory) {
        this.factory = factory;
    }

    /** The command with the baseline scorer, for when no detector is wired in. */
    public EvaluateCommand() {
        this(new DetectorScorerFactory());
    }

    @Override
    public Integer call() {
        if (!DIRECTIONS.contains(direction)) {
            throw new ParameterException(
                    spec.commandLine(), "--direction must be one of " + DIRECTIONS + ": " + direction);
        }
        NabSeries series;
        SeriesCadence cadence;
        try {
            series = NabSeries.read(input, input.getFileName().toString());
            cadence = SeriesCadence.infer(series.timestamps(), bucket);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            spec.commandLine().getErr().println("cannot score " + input + ": " + e.getMessage());
            return 1;
        }
        ScoredSeries scored = ScoredSeries.scoreOnline(series, factory.create(cadence, direction));
        ScoredSeriesCsv.write(scored, output);
        spec.commandLine()
                .getOut()
                .printf(
                        "%s: %d rows, bucket %s, daily period %d, weekly period %d (0 = none), direction %s: "
                                + "%d alerts -> %s%n",
                        factory.name(),
                        series.size(),
                        cadence.bucket(),
                        cadence.dailyPeriod(),
                        cadence.weeklyPeriod(),
                        direction,
                        scored.alertCount(),
                        output);
        if (series.rowsNotAfterTheLatest() > 0 || series.missingValues() > 0) {
            spec.commandLine()
                    .getOut()
                    .printf(
                            "  %d row(s) not after the latest timestamp before them (fed at the latest time), "
                                    + "%d missing value(s) (not fed, scored 0)%n",
                            series.rowsNotAfterTheLatest(), series.missingValues());
        }
        return 0;
    }
}
