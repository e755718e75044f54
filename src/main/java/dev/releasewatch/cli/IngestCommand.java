package dev.releasewatch.cli;

import java.time.Duration;
import java.util.concurrent.Callable;

import dev.releasewatch.config.AppConfig;
import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.config.ConfigLoader;
import dev.releasewatch.kafka.TopicAdmin;
import dev.releasewatch.produce.FeedPublisher;
import dev.releasewatch.produce.ingest.IngestServer;
import dev.releasewatch.produce.ingest.IngestSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code release-watch ingest}: the HTTP ingest endpoint for producers that are not on the JVM, until Ctrl-C. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description =
                "Serves POST /ingest (JSON array or JSON Lines of {name, section, time[, source, kind, reason]}) and publishes "
                        + "to the input topic; answers with accepted/rejected counts once Kafka has acknowledged. Runs until Ctrl-C.")
public final class IngestCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "8080",
            description = "Port to listen on, 0 = any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--max-body",
            paramLabel = "BYTES",
            defaultValue = "8388608",
            description = "Largest request body; larger ones get 413 (default: ${DEFAULT-VALUE} = 8 MiB).")
    int maxBody;

    @Option(
            names = "--ack-timeout",
            paramLabel = "DURATION",
            defaultValue = "30s",
            description =
                    "How long a request waits for Kafka's acknowledgement before answering 503 (default: ${DEFAULT-VALUE}).")
    String ackTimeout;

    @Option(
            names = "--source",
            paramLabel = "ID",
            defaultValue = "http",
            description =
                    "Source id of records without an X-Source header or source field (default: ${DEFAULT-VALUE}).")
    String source;

    @Override
    public Integer call() throws Exception {
        IngestSettings settings = settings();
        AppConfig config = options.loadForCluster(spec);
        ClientProperties clients = new ClientProperties(config);
        try (TopicAdmin admin = new TopicAdmin(clients, config.topics())) {
            admin.ensureTopics();
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (GracefulShutdown shutdown = new GracefulShutdown();
                FeedPublisher publisher =
                        new FeedPublisher(clients, config.topics().input(), "release-watch-ingest");
                IngestServer server = new IngestServer(settings, publisher, registry, config.http())) {
            System.err.printf(
                    "release-watch ingest: POST http://localhost:%d/ingest -> %s on %s; metrics on /metrics;"
                            + " Ctrl-C to stop%n",
                    server.port(), config.topics().input(), config.bootstrapServers());
            shutdown.await();
        } finally {
            registry.close();
        }
        return 0;
    }

    private IngestSettings settings() {
        Duration timeout;
        try {
            timeout = ConfigLoader.parseDuration(ackTimeout);
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "--ack-timeout: not a duration: '" + ackTimeout + "'");
        }
        try {
            return new IngestSettings(
                    port, maxBody, timeout, IngestSettings.defaults().threads(), source);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
