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
import dev.releasewatch.produce.poll.PollHttpServer;
import dev.releasewatch.produce.poll.PollMetrics;
import dev.releasewatch.produce.poll.PollerSettings;
import dev.releasewatch.produce.poll.ReleasePoller;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
        description = {
            "Polls a JSON API (a pre database) every interval and publishes the releases it has not published before "
                    + "to the input topic of an existing Kafka cluster (--bootstrap-servers is required). Its cursor "
                    + "lives in a compacted topic, written in the same transaction as the releases, so a restart "
                    + "neither loses nor repeats one.",
            "--preset predb-ovh reads predb.ovh's API v1 (envelope, error status, nuke objects as NUKE/UNNUKE events, "
                    + "30 requests a minute); --live adds its WebSocket feed, with a catch-up poll after each "
                    + "reconnect. A failed poll publishes nothing and is retried with backoff. Serves /metrics and "
                    + "/health on --metrics-port (default 9464)."
        })
public final class PollCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--preset",
            paramLabel = "NAME",
            description = "Settings of a known API: predb-ovh, or generic (default); options given here win.")
    String preset = "generic";

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "API URL returning JSON (required without a preset; predb-ovh: its v1 endpoint).")
    String url;

    @Option(
            names = "--interval",
            paramLabel = "DURATION",
            defaultValue = "60s",
            description = "Time between polls (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(
            names = "--rate-limit",
            paramLabel = "N",
            description = "Most requests per minute to the API; 0 = none (default: the preset's, else 0).")
    Integer rateLimit;

    @Option(names = "--live", description = "Also follow the preset's live WebSocket feed (predb-ovh).")
    boolean live;

    @Option(
            names = "--live-url",
            paramLabel = "WS-URL",
            description = "Follow this live WebSocket feed of rows ({\"action\", \"row\"} frames).")
    String liveUrl;

    @Option(
            names = "--items-path",
            paramLabel = "PATH",
            description = "Dotted path or JSON pointer to the array of items; empty = the response is the array "
                    + "(default: the preset's, else empty).")
    String itemsPath;

    @Option(
            names = "--name-field",
            paramLabel = "PATH",
            description = "Path of the release name in an item (default: the preset's, else name).")
    String nameField;

    @Option(
            names = "--section-field",
            paramLabel = "PATH",
            description = "Path of the section in an item; empty = none (default: the preset's, else section).")
    String sectionField;

    @Option(
            names = "--time-field",
            paramLabel = "PATH",
            description = "Path of the time in an item, ISO-8601 or epoch seconds (default: the preset's, else time).")
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
            description = "Time of the heartbeat after each poll: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: "
                    + "wall clock while the API is live, else newest item time).")
    HeartbeatClock heartbeatClock;

    @Override
    public Integer call() throws Exception {
        AppConfig config = options.loadForCluster(spec);
        PollerSettings settings = settings(config);
        ClientProperties clients = new ClientProperties(config);
        try (TopicAdmin admin = new TopicAdmin(clients, config.topics())) {
            admin.ensureTopics();
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        PollMetrics metrics = new PollMetrics(registry);
        try (GracefulShutdown shutdown = new GracefulShutdown();
                ReleasePoller poller = new ReleasePoller(
                        settings,
                        clients,
                        config.topics().input(),
                        config.topics().replicationFactor(),
                        metrics,
                        Clock.systemUTC());
                PollHttpServer http = config.metricsPort() < 0
                        ? null
                        : new PollHttpServer(
                                config.metricsBind(),
                                config.metricsPort(),
                                registry,
                                poller::consecutiveFailures,
                                poller::lastSuccess)) {
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
                    "release-watch poll: %s every %s%s -> %s (poller %s, cursor in %s)%s; Ctrl-C to stop%n",
                    settings.url(),
                    settings.interval(),
                    settings.liveUrl() == null ? "" : " and live " + settings.liveUrl(),
                    config.topics().input(),
                    settings.pollerId(),
                    settings.cursorTopic(),
                    http == null ? "" : "; metrics on http://localhost:" + http.port() + "/metrics");
            poller.run();
        }
        return 0;
    }

    PollerSettings settings(AppConfig config) {
        Duration every;
        try {
            every = ConfigLoader.parseDuration(interval);
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "--interval: not a duration: '" + interval + "'");
        }
        try {
            PollPreset p = PollPreset.of(preset);
            String target = url != null ? url : p.url();
            if (target == null) {
                throw new IllegalArgumentException("--url is required without a --preset");
            }
            String ws = liveUrl != null ? liveUrl : live ? p.liveUrl() : null;
            if (live && ws == null) {
                throw new IllegalArgumentException("--live: the preset has no live feed; give --live-url");
            }
            URI uri = URI.create(target);
            String id = pollerId != null ? pollerId : uri.getHost();
            FieldMapping mapping = FieldMapping.of(
                    or(itemsPath, p.itemsPath()),
                    or(nameField, p.name()),
                    or(sectionField, p.section()),
                    or(timeField, p.time()));
            return new PollerSettings(
                    id == null ? "" : id,
                    uri,
                    every,
                    mapping,
                    cursorTopic,
                    heartbeatClock,
                    config.liveLag(),
                    Duration.ofSeconds(30),
                    32 * 1024 * 1024,
                    p.dialect(),
                    rateLimit != null ? rateLimit : p.rateLimit(),
                    ws == null ? null : URI.create(ws));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static String or(String given, String preset) {
        return given != null ? given : preset;
    }
}
