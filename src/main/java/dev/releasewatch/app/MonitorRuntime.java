package dev.releasewatch.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.releasewatch.alert.AlertListener;
import dev.releasewatch.alert.AlertTopicReader;
import dev.releasewatch.alert.AlertmanagerFanout;
import dev.releasewatch.alert.FiringAlerts;
import dev.releasewatch.alert.RecentAlerts;
import dev.releasewatch.alert.WindowCountGauges;
import dev.releasewatch.avro.WindowCount;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.config.ConfigException;
import dev.releasewatch.feed.ReleaseClassifier;
import dev.releasewatch.http.DashboardRoutes;
import dev.releasewatch.http.MonitorHttpServer;
import dev.releasewatch.http.RebalanceWatch;
import dev.releasewatch.kafka.BrokerContact;
import dev.releasewatch.kafka.ConsumedToEnd;
import dev.releasewatch.kafka.EmbeddedKafkaBroker;
import dev.releasewatch.kafka.RegistrySubjects;
import dev.releasewatch.kafka.TopicAdmin;
import dev.releasewatch.kafka.ValueFormat;
import dev.releasewatch.produce.DecisionPublisher;
import dev.releasewatch.topology.ReleaseWatchTopology;
import dev.releasewatch.topology.TopologyMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running monitor: the embedded broker when no bootstrap servers are configured, the topics, the
 * Kafka Streams topology, the reader that prints alerts, and the HTTP endpoints (with the producer behind
 * {@code POST /decisions}). Closing it stops everything in reverse order.
 *
 * <p>Several instances with the same application id on a real cluster share the work the Kafka way:
 * counting tasks (one per input partition) spread over all instances' threads, and the single detecting
 * task runs on one of them and moves on failure, its state restored from its changelog.
 */
public final class MonitorRuntime implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(MonitorRuntime.class);

    /** Gauge: seconds since a broker last answered ({@link BrokerContact}); {@code /health} is 503 from 15 s. */
    public static final String BROKER_CONTACT_AGE = "releasewatch_kafka_seconds_without_contact";

    private final EmbeddedKafkaBroker broker;
    private final AppConfig config;
    private final ClientProperties clients;
    private final PrometheusMeterRegistry registry;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final AlertTopicReader alertReader;
    private final AlertmanagerFanout alertmanager;
    private final RecentAlerts recent = new RecentAlerts(1000);
    private final DecisionPublisher decisions;
    private final MonitorHttpServer http;
    private final BrokerContact brokerContact;
    private final int inputPartitions;
    private final int detectPartitions;
    private final AtomicReference<KafkaStreams> started = new AtomicReference<>();
    private final AtomicReference<HostInfo> advertised = new AtomicReference<>();
    private final RebalanceWatch rebalance;

    private MonitorRuntime(
            AppConfig requested,
            ReleaseClassifier classifier,
            List<AlertListener> listeners,
            List<Consumer<WindowCount>> countListeners,
            EmbeddedKafkaBroker broker) {
        this.broker = broker;
        this.config = broker == null ? requested : requested.withBootstrapServers(broker.bootstrapServers());
        this.clients = new ClientProperties(config);
        this.rebalance = new RebalanceWatch(config.maxRebalance(), System::nanoTime);
        try (TopicAdmin admin = new TopicAdmin(clients, config.topics())) {
            this.inputPartitions = admin.ensureTopics();
            this.detectPartitions = detectPartitions(admin, config);
            if (ValueFormat.of(config.serde()).registry()) {
                RegistrySubjects.ensure(config.serde(), config.topics());
            }
            admin.checkStreamsAccess(
                    config.applicationId(), config.processingGuarantee().equals("exactly_once_v2"));
        }
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        Topology topology = ReleaseWatchTopology.build(
                config,
                inputPartitions,
                detectPartitions,
                classifier,
                new TopologyMetrics(registry, config.eventTime().maxSources()));
        LOGGER.debug("Topology:\n{}", topology.describe());
        this.decisions = config.metricsPort() < 0
                ? null
                : new DecisionPublisher(clients, config.topics().decisions(), "release-watch-decisions");
        this.http = config.metricsPort() < 0 ? null : startHttp();
        try {
            this.streams = new KafkaStreams(topology, streamsProperties());
        } catch (RuntimeException e) {
            if (http != null) {
                http.close();
            }
            if (decisions != null) {
                decisions.close();
            }
            throw e;
        }
        this.started.set(streams);
        this.streams.setUncaughtExceptionHandler(new StreamThreadFailures());
        long created = System.nanoTime();
        this.streams.setStateListener((now, before) -> {
            rebalance.observe(now.name());
            LOGGER.info("Kafka Streams {} -> {} after {} ms", before, now, (System.nanoTime() - created) / 1_000_000);
        });
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        this.streamsMetrics.bindTo(registry);
        ActiveTaskGauges.bind(registry, streams, config.topics().input());
        this.streams.start();
        this.brokerContact = BrokerContact.start(clients);
        Gauge.builder(BROKER_CONTACT_AGE, brokerContact::secondsWithoutContact)
                .description("Seconds since a Kafka broker last answered the monitor (probed every 5 s)")
                .register(registry);
        this.alertmanager = AlertmanagerFanout.startIfConfigured(config.alertmanager(), config.metricsPort(), registry);
        List<AlertListener> all = new ArrayList<>(listeners);
        all.add(recent);
        all.add(new FiringAlerts(registry, FiringAlerts.DEFAULT_MAX_SUBJECTS));
        if (alertmanager != null) {
            all.add(alertmanager);
        }
        this.alertReader = new AlertTopicReader(
                clients,
                ValueFormat.of(config.serde()),
                config.topics().alerts(),
                config.topics().counts(),
                all);
        countListeners.forEach(alertReader::onCount);
        alertReader.onCount(new WindowCountGauges(registry, WindowCountGauges.DEFAULT_MAX_SUBJECTS));
        alertReader.start();
    }

    /**
     * The HTTP server, started before Kafka Streams: its port (perhaps picked by the system) is this instance's
     * {@code application.server}, which the other instances use to forward dashboard queries here.
     */
    private MonitorHttpServer startHttp() {
        MonitorHttpServer server = new MonitorHttpServer(
                config.metricsBind(),
                config.metricsPort(),
                registry,
                this::streamsState,
                () -> {
                    BrokerContact contact = brokerContact;
                    String unreachable = contact == null ? null : contact.unreachableReason();
                    return unreachable != null ? unreachable : rebalance.reason(streamsState());
                },
                recent,
                decisions::publish,
                () -> TopologyMetrics.finalWatermark(registry),
                config.http(),
                new DashboardRoutes(started::get, advertised::get, config.zone(), config.topics()));
        advertised.set(new HostInfo(config.history().advertisedHost(), server.port()));
        return server;
    }

    private String streamsState() {
        KafkaStreams s = started.get();
        return s == null ? KafkaStreams.State.CREATED.name() : s.state().name();
    }

    private Properties streamsProperties() {
        Properties p = clients.streams();
        if (http != null && !clients.passThrough().containsKey(StreamsConfig.APPLICATION_SERVER_CONFIG)) {
            p.put(
                    StreamsConfig.APPLICATION_SERVER_CONFIG,
                    advertised.get().host() + ":" + advertised.get().port());
        }
        return p;
    }

    /**
     * Starts a monitor. With no bootstrap servers configured it first starts the embedded single-node broker.
     *
     * @param listeners receive every alert read back from the alerts topic
     */
    public static MonitorRuntime start(AppConfig config, ReleaseClassifier classifier, List<AlertListener> listeners) {
        return start(config, classifier, listeners, List.of());
    }

    /**
     * As {@link #start(AppConfig, ReleaseClassifier, List)}, also handing every final window count read
     * back from the counts topic to {@code countListeners}.
     */
    public static MonitorRuntime start(
            AppConfig config,
            ReleaseClassifier classifier,
            List<AlertListener> listeners,
            List<Consumer<WindowCount>> countListeners) {
        EmbeddedKafkaBroker broker = config.embeddedBroker() ? EmbeddedKafkaBroker.start() : null;
        try {
            return new MonitorRuntime(config, classifier, listeners, countListeners, broker);
        } catch (RuntimeException e) {
            if (broker != null) {
                broker.close();
            }
            throw e;
        }
    }

    /** The effective configuration (with the embedded broker's address when there is one). */
    public AppConfig config() {
        return config;
    }

    /** Client properties for this monitor's cluster. */
    public ClientProperties clients() {
        return clients;
    }

    /** Number of input partitions the topology waits for. */
    /**
     * Waits until every window ending at or before {@code dayEnd} is final and its counts and alerts have been read
     * back. The feed-wide day count says that partition {@code 0} of detection (the owner of the feed-wide subjects) is
     * done; the detecting tasks of the other detect partitions may still be finalising the same windows for the groups
     * they own. Once the application has committed the end of the window batches' topic they have all finished (their
     * output commits with their input offsets), and reading the counts and alerts topics to their ends delivers the
     * rest.
     *
     * @return whether that happened before the timeout
     */
    public boolean awaitFinal(long dayEnd, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String batches = config.applicationId() + "-" + ReleaseWatchTopology.WINDOW_BATCHES + "-repartition";
        return alertReader().awaitFinal(dayEnd, timeout)
                && ConsumedToEnd.await(clients, config.applicationId(), batches, remaining(deadline))
                && alertReader().awaitCaughtUp(remaining(deadline));
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    public int inputPartitions() {
        return inputPartitions;
    }

    /**
     * {@code detect.partitions}, or when it is 0: the partition count of the detector state the application already
     * has (its {@code detect-progress} changelog), else {@code stream.threads}.
     *
     * <p>Existing state: an application that detected on one partition (every release before detection was spread)
     * keeps its state that way rather than failing at start-up on a changelog with the wrong partition count;
     * spreading it means a new {@code application.id} (or a reset), which the log says.
     *
     * <p>Why not the input's partition count: every detect partition repeats the feed-wide part of the work (see
     * {@code DetectShards}), and on a feed of a few hundred groups that part dominates; measured on the 2-core machine
     * (README "Performance"), six detect partitions on one thread took 1.6 times as long as one, while one detect
     * partition per thread kept both threads busy. More partitions pay when the groups dominate (high cardinality) and
     * there are more threads in the application than on one instance: then set it.
     */
    private static int detectPartitions(TopicAdmin admin, AppConfig config) {
        int configured = config.topics().detectPartitions();
        String changelog = config.applicationId() + "-" + ReleaseWatchTopology.DETECTOR_PROGRESS_STORE + "-changelog";
        OptionalInt existing;
        try {
            existing = admin.partitionsOf(changelog);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe " + changelog + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + changelog, e);
        }
        if (configured > 0) {
            if (existing.isPresent() && existing.getAsInt() != configured) {
                // Kafka Streams would refuse the changelog later, naming an internal topic instead of the setting
                throw new ConfigException(
                        "detect.partitions",
                        "is " + configured + ", but this application's detector state (" + changelog + ") has "
                                + existing.getAsInt() + " partitions; keep " + existing.getAsInt()
                                + " (or 0), or start with a new application.id (or reset this one) to change it");
            }
            return configured;
        }
        int fresh = config.streamThreads();
        if (existing.isPresent() && existing.getAsInt() != fresh) {
            LOGGER.warn(
                    "Detection keeps the {} partition(s) of the existing detector state ({}). To spread it over more, "
                            + "set detect.partitions and start with a new application.id (or reset this one)",
                    existing.getAsInt(),
                    changelog);
        }
        return existing.orElse(fresh);
    }

    /** The alert and count reader. */
    public AlertTopicReader alertReader() {
        return alertReader;
    }

    /** The metrics registry. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The Kafka Streams instance. */
    public KafkaStreams streams() {
        return streams;
    }

    /** The HTTP port, or -1 when the server is disabled. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /** Waits until the topology is RUNNING. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || !streams.state().isRunningOrRebalancing()) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        if (decisions != null) {
            decisions.close();
        }
        alertReader.close();
        brokerContact.close();
        if (alertmanager != null) {
            alertmanager.close();
        }
        streams.close(Duration.ofSeconds(30));
        streamsMetrics.close();
        registry.close();
        if (broker != null) {
            broker.close();
        }
    }
}
