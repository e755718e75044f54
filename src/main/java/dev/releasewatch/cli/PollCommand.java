package dev.releasewatch.cli;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

import dev.releasewatch.config.AppConfig;
import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.config.ConfigLoader;
import dev.releasewatch.kafka.TopicAdmin;
import dev.releasewatch.produce.poll.FieldMapping;
import dev.releasewatch.produce.poll.HeartbeatClock;
import dev.releasewatch.produce.poll.PollMetrics;
import dev.releasewatch.produce.poll.PollerSettings;
import dev.releasewatch.produce.poll.ReleasePoller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code release-watch poll}: polls a predb-style JSON API and publishes new releases, until Ctrl-C. */
@Command(
        name = "poll",
        mixinStandardHelpOptions = true,
        description =
                "Polls a JSON API every interval and publishes releases it has not published before; its cursor lives in a "
                        + "compacted Kafka topic, written in the same transaction as the releases, so a restart neither loses nor repeats one.")
public final class PollCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "API URL returning JSON.")
    String url;

    @Option(
            names = "--interval",
            paramLabel = "DURATION",
            defaultValue = "60s",
            description = "Time between polls (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(
            names = "--items-path",
            paramLabel = "PATH",
            defaultValue = "",
            description =
                    "Dotted path or JSON pointer to the array of items; empty = the response is the array (default: empty).")
    String itemsPath;

    @Option(
            names = "--name-field",
            paramLabel = "PATH",
            defaultValue = "name",
            description = "Path of the release name in an item (default: ${DEFAULT-VALUE}).")
    String nameField;

    @Option(
            names = "--section-field",
            paramLabel = "PATH",
            defaultValue = "section",
            description = "Path of the section in an item; empty = none (default: ${DEFAULT-VALUE}).")
    String sectionField;

    @Option(
            names = "--time-field",
            paramLabel = "PATH",
            defaultValue = "time",
            description = "Path of the time in an item, ISO-8601 or epoch seconds (default: ${DEFAULT-VALUE}).")
    String timeField;

    @Option(
            names = "--poller-id",
            paramLabel = "ID",
            description = "Poller identity: cursor key and transactional id (default: the URL's host).")
    String pollerId;

    @Option(
            names = "--cursor-topic",
            paramLabel = "TOPIC",
            defaultValue = PollerSettings.DEFAULT_CURSOR_TOPIC,
            description = "Compacted topic holding poller cursors (default: ${DEFAULT-VALUE}).")
    String cursorTopic;

    @Option(
            names = "--heartbeat-clock",
            paramLabel = "CLOCK",
            defaultValue = "AUTO",
            description =
                    "Time of the heartbeat after each poll: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: wall clock while the API is live, else newest item time).")
    HeartbeatClock heartbeatClock;

    @Override
    public Integer call() throws Exception {
        PollerSettings settings = settings();
        AppConfig config = options.loadForCluster(spec);
        ClientProperties clients = new ClientProperties(config);
        try (TopicAdmin admin = new TopicAdmin(clients, config.topics())) {
            admin.ensureTopics();
        }
        PollMetrics metrics = new PollMetrics(new SimpleMeterRegistry());
        try (GracefulShutdown shutdown = new GracefulShutdown();
                ReleasePoller poller = new ReleasePoller(
                        settings,
                        clients,
                        config.topics().input(),
                        config.topics().replicationFactor(),
                        metrics,
                        Clock.systemUTC())) {
            Thread stopper = new Thread(
                    () -> {
                        try {
                            shutdown.await();
                            poller.stop();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "poll-stopper");
            stopper.setDaemon(true);
            stopper.start();
            System.err.printf(
                    "release-watch poll: %s every %s -> %s (poller %s, cursor in %s); Ctrl-C to stop%n",
                    settings.url(),
                    settings.interval(),
                    config.topics().input(),
                    settings.pollerId(),
                    settings.cursorTopic());
            poller.run();
        }
        return 0;
    }

    private PollerSettings settings() {
        Duration every;
        try {
            every = ConfigLoader.parseDuration(interval);
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "--interval: not a duration: '" + interval + "'");
        }
        try {
            URI uri = URI.create(url);
            String id = pollerId != null ? pollerId : uri.getHost();
            FieldMapping mapping = FieldMapping.of(itemsPath, nameField, sectionField, timeField);
            return new PollerSettings(
                    id == null ? "" : id,
                    uri,
                    every,
                    mapping,
                    cursorTopic,
                    heartbeatClock,
                    options.load().liveLag(),
                    Duration.ofSeconds(30),
                    32 * 1024 * 1024);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
