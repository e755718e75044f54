package dev.releasewatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import dev.releasewatch.evaluate.DetectorScorerFactory;
import dev.releasewatch.evaluate.DetectorSettingsGrid;
import dev.releasewatch.evaluate.NabComparison;
import dev.releasewatch.evaluate.NabCrossValidation;
import dev.releasewatch.evaluate.NabDataset;
import dev.releasewatch.evaluate.NabProfile;
import dev.releasewatch.evaluate.NabReport;
import dev.releasewatch.evaluate.NabScore;
import dev.releasewatch.evaluate.ScoredSeries;
import dev.releasewatch.evaluate.SeriesScorerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code release-watch evaluate-nab}: scores the detector core on the NAB subset in the shared data directory
 * with NAB's rule and prints it beside every published NAB detector.
 */
@Command(
        name = "evaluate-nab",
        mixinStandardHelpOptions = true,
        description = "Run the detector strictly online (direction both) over NAB series and compare its NAB score "
                + "with NAB's published detectors on the same series.")
public final class EvaluateNabCommand implements Callable<Integer> {

    private final SeriesScorerFactory factory;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Shared data directory holding nab/ (default: system property " + NabDataset.DATA_PROPERTY
                    + ", else ../shared/data).")
    private Path data;

    @Option(
            names = "--set",
            defaultValue = "six",
            paramLabel = "six|more|all",
            description = "Which NAB series: the six count series (nab/data), the 46 of nab/more, or all 52 "
                    + "(default: ${DEFAULT-VALUE}).")
    private String set;

    @Option(
            names = "--profile",
            paramLabel = "NAME",
            description = "Report only this NAB profile: standard, reward_low_FP_rate "
                    + "or reward_low_FN_rate (default: all three).")
    private String profile;

    @Option(names = "--markdown", description = "Print Markdown tables (for docs/nab.md) instead of plain text.")
    private boolean markdown;

    @Option(
            names = "--oracle-sweep",
            description = "Also report the best score threshold chosen on the labels, marked "
                    + "oracle-tuned (in-sample; an upper bound, not a result).")
    private boolean oracleSweep;

    @Option(
            names = "--cross-validate",
            description = "Also report an out-of-sample score of the release-watch detector: each series of the set "
                    + "scored with the settings (false-alarm probability, level memory, tail memory, winsorising) that score best on the "
                    + "other series of the set (standard profile; 80 runs of the set, about five minutes for all 52).")
    private boolean crossValidate;

    @Option(
            names = "--tuned-on",
            paramLabel = "six|more|all",
            description = "Also report the settings chosen on another set (the best of the cross-validation candidates "
                    + "there, standard profile) scored on this set: e.g. --set more --tuned-on six.")
    private String tunedOn;

    /** The command with the scorer the lead wires in. */
    public EvaluateNabCommand(SeriesScorerFactory factory) {
        this.factory = factory;
    }

    /** The command with the baseline scorer, for when no detector is wired in. */
    public EvaluateNabCommand() {
        this(new DetectorScorerFactory());
    }

    @Override
    public Integer call() {
        NabDataset dataset;
        try {
            dataset = NabDataset.locate(data, set);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--set: " + e.getMessage());
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        Map<String, NabProfile> profiles = dataset.profiles();
        List<NabProfile> reported = new ArrayList<>();
        if (profile == null) {
            reported.add(profiles.get(NabProfile.STANDARD));
            profiles.values().stream()
                    .filter(p -> !p.name().equals(NabProfile.STANDARD))
                    .forEach(reported::add);
        } else if (profiles.containsKey(profile)) {
            reported.add(profiles.get(profile));
        } else {
            throw new ParameterException(
                    spec.commandLine(), "--profile must be one of " + profiles.keySet() + ": " + profile);
        }
        NabComparison comparison = new NabComparison(dataset);
        Map<String, ScoredSeries> ours = comparison.runOnline(factory);
        NabReport report = comparison.report(factory.name(), ours, reported, oracleSweep);
        spec.commandLine().getOut().print(markdown ? report.toMarkdown() : report.toText());
        if (tunedOn != null) {
            NabDataset tuning;
            try {
                tuning = NabDataset.locate(data, tunedOn);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--tuned-on: " + e.getMessage());
            }
            printTransfer(dataset, tuning, profiles.get(NabProfile.STANDARD));
        }
        if (crossValidate) {
            printCrossValidation(dataset, profiles.get(NabProfile.STANDARD));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    private void printTransfer(NabDataset dataset, NabDataset tuning, NabProfile standard) {
        List<NabCrossValidation.Candidate> candidates = DetectorSettingsGrid.candidates();
        NabCrossValidation.Transfer transfer = new NabCrossValidation(dataset, standard).tunedOn(tuning, candidates);
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "%nTuned on %s, %s profile: best of %d candidates there %s (%.1f, TP/FN/FP %s); scored on %s: "
                                + "%.1f (TP/FN/FP %s)%n",
                        tunedOn,
                        standard.name(),
                        candidates.size(),
                        transfer.chosen(),
                        transfer.tuningScore().normalised(standard),
                        transfer.tuningScore().counts(),
                        set,
                        transfer.score().normalised(standard),
                        transfer.score().counts());
    }

    private void printCrossValidation(NabDataset dataset, NabProfile standard) {
        List<NabCrossValidation.Candidate> candidates = DetectorSettingsGrid.candidates();
        NabCrossValidation.Result result = new NabCrossValidation(dataset, standard).leaveOneSeriesOut(candidates);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "%nLeave-one-series-out, %s profile: each series scored with the settings chosen on the other "
                        + "series among %d candidates: %.1f (TP/FN/FP %s)%n",
                standard.name(),
                candidates.size(),
                result.total().normalised(standard),
                result.total().counts());
        if (set.equals("all")) {
            Set<String> six = NabDataset.locate(data).labels().seriesNames();
            Set<String> more = NabDataset.locateMore(data).labels().seriesNames();
            NabScore sixHeldOut = result.heldOutTotal(six);
            NabScore moreHeldOut = result.heldOutTotal(more);
            out.printf(
                    Locale.ROOT,
                    "  of which the six count series %.1f (TP/FN/FP %s), more/ %.1f (TP/FN/FP %s)%n",
                    sixHeldOut.normalised(standard),
                    sixHeldOut.counts(),
                    moreHeldOut.normalised(standard),
                    moreHeldOut.counts());
        }
        for (NabCrossValidation.Fold fold : result.folds()) {
            out.printf(
                    Locale.ROOT,
                    "  %-60s %-30s raw %6.2f  %s%n",
                    fold.heldOut(),
                    fold.chosen(),
                    fold.score().raw(),
                    fold.score().counts());
        }
        DoubleSummaryStatistics spread = result.candidateTotals().stream()
                .mapToDouble(s -> s.normalised(standard))
                .summaryStatistics();
        out.printf(
                Locale.ROOT,
                "Every candidate on the whole set (in-sample), %s profile: mean %.1f, worst %.1f, best %.1f%n",
                standard.name(),
                spread.getAverage(),
                spread.getMin(),
                spread.getMax());
    }
}
