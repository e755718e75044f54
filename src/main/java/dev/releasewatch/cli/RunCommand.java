package dev.releasewatch.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import dev.releasewatch.alert.AlertText;
import dev.releasewatch.app.MonitorRuntime;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.feed.SectionClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code release-watch run}: runs the topology against a cluster until stopped, printing alerts.
 *
 * <p>It refuses to start without {@code bootstrap.servers}: in a container, an embedded broker started by default
 * looks healthy while it watches nothing anybody publishes to. {@code --embedded-broker} asks for one explicitly.
 * It exits 1 when Kafka Streams fails ({@link StreamsWatchdog}), so a restart policy acts.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the monitor (topology, alerts, metrics, HTTP endpoints) against a Kafka cluster until Ctrl-C or "
                    + "SIGTERM. Several instances with the same application.id share the work.",
            "Needs --bootstrap-servers (or bootstrap.servers in the configuration) unless --embedded-broker is given. "
                    + "Exits 1 when Kafka Streams reaches ERROR (a stream thread failed and could not be replaced) or "
                    + "stops by itself, 2 on bad arguments or configuration."
        })
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--embedded-broker",
            description = "Start an embedded single-node broker instead of using a cluster (for trying it out: its "
                    + "data is lost when the process stops).")
    boolean embeddedBroker;

    @Override
    public Integer call() throws Exception {
        AppConfig config = embeddedBroker ? options.load() : options.loadForCluster(spec);
        if (embeddedBroker && !config.embeddedBroker()) {
            throw new ParameterException(
                    spec.commandLine(), "--embedded-broker and bootstrap.servers exclude each other: choose one");
        }
        try (GracefulShutdown shutdown = new GracefulShutdown();
                MonitorRuntime runtime = MonitorRuntime.start(
                        config, SectionClassifier.defaults(), List.of(a -> System.out.println(AlertText.line(a))))) {
            System.err.printf(
                    "release-watch running on %s (input %s, %d partitions); metrics on http://localhost:%d/metrics; "
                            + "Ctrl-C to stop%n",
                    runtime.config().bootstrapServers(),
                    config.topics().input(),
                    runtime.inputPartitions(),
                    runtime.httpPort());
            return StreamsWatchdog.await(shutdown, () -> runtime.streams().state(), Duration.ofSeconds(1), System.err);
        }
    }
}
