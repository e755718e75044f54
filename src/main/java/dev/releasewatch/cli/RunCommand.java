package dev.releasewatch.cli;

import java.util.List;
import java.util.concurrent.Callable;

import dev.releasewatch.alert.AlertText;
import dev.releasewatch.app.MonitorRuntime;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.feed.SectionClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code release-watch run}: runs the topology against a cluster until stopped, printing alerts. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description =
                "Runs the monitor (topology, alerts, metrics) until Ctrl-C. Several instances with the same application.id share the work.")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        AppConfig config = options.load();
        try (GracefulShutdown shutdown = new GracefulShutdown();
                MonitorRuntime runtime = MonitorRuntime.start(
                        config, SectionClassifier.defaults(), List.of(a -> System.out.println(AlertText.line(a))))) {
            System.err.printf(
                    "release-watch running on %s (input %s, %d partitions); metrics on http://localhost:%d/metrics; Ctrl-C to stop%n",
                    runtime.config().bootstrapServers(),
                    config.topics().input(),
                    runtime.inputPartitions(),
                    runtime.httpPort());
            shutdown.await();
        }
        return 0;
    }
}
