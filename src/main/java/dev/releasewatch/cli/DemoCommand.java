package dev.releasewatch.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import dev.releasewatch.alert.AlertText;
import dev.releasewatch.app.MonitorRuntime;
import dev.releasewatch.app.ReplaySession;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.feed.SectionClassifier;
import dev.releasewatch.feed.synth.FeedSettings;
import dev.releasewatch.feed.synth.Scenario;
import dev.releasewatch.feed.synth.Scenarios;
import dev.releasewatch.feed.synth.SyntheticFeed;
import dev.releasewatch.kafka.TemporaryDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code release-watch demo}: the whole monitor on one laptop. Starts the embedded broker (unless
 * servers are given), replays a synthetic feed of June–October 2020 with the SPARKS collapse through the
 * real topology, prints each alert as it fires, serves the dashboard page (its URL is printed first) and the metrics,
 * and keeps running until Ctrl-C.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description =
                "Replays a synthetic release feed (default: the SPARKS collapse of Aug 2020) through the monitor on an embedded broker, printing alerts and serving metrics.")
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--scenario",
            defaultValue = Scenarios.SPARKS_2020,
            description = "Scenario to replay (default ${DEFAULT-VALUE}); see generate --list-scenarios.")
    String scenario;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Random seed of the synthetic feed (default ${DEFAULT-VALUE}).")
    long seed;

    /** About what real pre feeds show: one release in 60 to 70 is nuked. */
    private static final double DEMO_NUKE_RATE = 0.015;

    @Option(
            names = "--exit-when-done",
            description = "Exit once the replay is processed instead of serving until Ctrl-C.")
    boolean exitWhenDone;

    @Override
    public Integer call() throws Exception {
        Scenario chosen = Scenarios.byName(scenario)
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(),
                        "unknown scenario '" + scenario + "' (known: " + String.join(", ", Scenarios.names()) + ")"));
        AppConfig base = options.load();
        FeedSettings settings = chosen.settings().withSeed(seed).withNukes(DEMO_NUKE_RATE);
        SyntheticFeed feed = new SyntheticFeed(settings);
        AtomicLong alerts = new AtomicLong();
        System.err.printf(
                "release-watch demo: scenario %s, %s to %s, %,d releases (and nukes of %.1f%% of them)%n",
                chosen.name(), settings.from(), settings.to(), feed.size(), 100 * DEMO_NUKE_RATE);
        try (GracefulShutdown shutdown = new GracefulShutdown();
                TemporaryDirectory state = TemporaryDirectory.create("release-watch-demo-state-");
                MonitorRuntime runtime = MonitorRuntime.start(
                        IsolatedRun.isolate(base, "demo", state.path()), SectionClassifier.defaults(), List.of(a -> {
                            alerts.incrementAndGet();
                            System.out.println(AlertText.line(a));
                        }))) {
            if (runtime.httpPort() > 0) {
                System.err.printf(
                        "dashboard: http://localhost:%d/   API: http://localhost:%d/api/subjects"
                                + "   metrics: http://localhost:%d/metrics%n",
                        runtime.httpPort(), runtime.httpPort(), runtime.httpPort());
            }
            ReplaySession.Result r = ReplaySession.replay(
                    runtime, feed.iterator(), "synthetic:" + chosen.name(), null, Duration.ofMinutes(10));
            System.err.printf(
                    "demo replayed %,d events in %.1f s (%,.0f events/s end to end): %,d alerts; windows final through %s%n",
                    r.published(),
                    r.totalNanos() / 1e9,
                    r.published() / (r.totalNanos() / 1e9),
                    alerts.get(),
                    r.finalThrough());
            System.err.printf(
                    "counted %,d releases, %,d nukes and %,d unnukes (per category and hour/day on topic %s, and in %s)%n",
                    ReplaySession.eventCount(runtime, "counted"),
                    ReplaySession.eventCount(runtime, "nuke"),
                    ReplaySession.eventCount(runtime, "unnuke"),
                    runtime.config().topics().counts(),
                    "releasewatch_nukes_total");
            if (!r.completed()) {
                System.err.println("release-watch: timed out before every window was final");
                return 1;
            }
            if (!exitWhenDone) {
                System.err.printf(
                        "Still serving the dashboard on http://localhost:%d/, metrics and alerts; Ctrl-C to stop.%n",
                        runtime.httpPort());
                shutdown.await();
            }
        }
        return 0;
    }
}
