package dev.releasewatch.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.releasewatch.alert.AlertText;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.feed.SectionClassifier;
import dev.releasewatch.feed.synth.Scenario;
import dev.releasewatch.feed.synth.Scenarios;
import dev.releasewatch.kafka.EmbeddedKafkaBroker;
import dev.releasewatch.scenario.ScenarioOutcome;
import dev.releasewatch.scenario.ScenarioRunner;
import dev.releasewatch.scenario.ScenarioTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code release-watch evaluate-scenarios}: runs the scenario suite (or some of it) through the real
 * topology and detector and prints detected/required incidents, detection delays and false FIRING alerts
 * per 30 days. Exits 1 when a target is missed.
 */
@Command(
        name = "evaluate-scenarios",
        mixinStandardHelpOptions = true,
        description =
                "Runs the scenario suite with ground truth through the monitor (replay path) and prints detection delays and false alerts.")
public final class EvaluateScenariosCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--scenario",
            paramLabel = "NAME",
            description = "Run only these scenarios (repeatable); default: all.")
    List<String> names = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "Seed for every scenario (default: each scenario's own).")
    Long seed;

    @Option(names = "--show-false", description = "Print each false FIRING alert.")
    boolean showFalse;

    @Override
    public Integer call() throws Exception {
        List<Scenario> scenarios = new ArrayList<>();
        if (names.isEmpty()) {
            scenarios.addAll(Scenarios.all());
        }
        for (String name : names) {
            scenarios.add(Scenarios.byName(name)
                    .orElseThrow(() -> new ParameterException(
                            spec.commandLine(),
                            "unknown scenario '" + name + "' (known: " + String.join(", ", Scenarios.names()) + ")")));
        }
        if (options.metricsPort == null) {
            options.metricsPort = -1;
        }
        AppConfig config = options.load();
        try (EmbeddedKafkaBroker broker = config.embeddedBroker() ? EmbeddedKafkaBroker.start() : null) {
            ScenarioRunner runner = new ScenarioRunner(
                    broker == null ? config : config.withBootstrapServers(broker.bootstrapServers()),
                    SectionClassifier.defaults());
            List<ScenarioOutcome> outcomes = new ArrayList<>();
            for (Scenario s : scenarios) {
                ScenarioOutcome o = runner.run(s, seed);
                outcomes.add(o);
                System.err.printf(
                        "%s: %s in %.1f s%n",
                        s.name(),
                        o.meetsTargets() ? "targets met" : "TARGETS MISSED",
                        o.replayTime().toMillis() / 1000.0);
                if (showFalse) {
                    o.falseAlerts().forEach(a -> System.err.println("  false: " + AlertText.line(a)));
                }
            }
            System.out.print(ScenarioTable.render(outcomes));
            return outcomes.stream().allMatch(ScenarioOutcome::meetsTargets) ? 0 : 1;
        }
    }
}
