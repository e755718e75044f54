package dev.releasewatch.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.config.ConfigLoader;
import dev.releasewatch.kafka.TopicAdmin;
import dev.releasewatch.produce.FeedPublisher;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every fault test needs: a 3-node cluster, the monitor's topics on it at replication factor 3 (min ISR 2 from
 * the cluster), monitor instances as processes sharing one application id, a publisher of the input, and the two
 * verdicts: exact daily counts against {@link GroundTruth}, and the same alerts as the fault-free
 * {@link ReferenceRun}.
 */
final class FaultRig implements AutoCloseable {

    final KraftCluster cluster;
    final String name;
    final Map<String, String> settings = new LinkedHashMap<>();
    final AppConfig config;
    final ClientProperties clients;
    /** The proxies the instances reach the brokers through (one per node), empty when they connect directly. */
    final List<TcpProxy> proxies;

    private final Map<String, Path> stateDirs = new HashMap<>();
    private final List<MonitorProcess> processes = new ArrayList<>();

    private FaultRig(KraftCluster cluster, String name, int partitions, List<TcpProxy> proxies) {
        this.cluster = cluster;
        this.proxies = proxies;
        this.name = name;
        settings.put("bootstrap.servers", cluster.bootstrapServers());
        settings.put("application.id", name);
        settings.put("topic.input", name + "-in");
        settings.put("topic.counts", name + "-counts");
        settings.put("topic.alerts", name + "-alerts");
        settings.put("topic.dead-letters", name + "-dead");
        settings.put("topic.decisions", name + "-decisions");
        settings.put("topic.partitions", String.valueOf(partitions));
        settings.put("topic.replication-factor", "3");
        // detection on two partitions, so every fault also moves, kills or cuts off detecting tasks that each own a
        // share
        settings.put("detect.partitions", "2");
        // a killed instance's tasks move after 6 s, not 45 s
        settings.put("kafka.consumer.session.timeout.ms", "6000");
        settings.put("kafka.consumer.heartbeat.interval.ms", "1000");
        this.config = new ConfigLoader().overrides(settings).load();
        this.clients = new ClientProperties(config);
        try (TopicAdmin admin = new TopicAdmin(clients, config.topics())) {
            admin.ensureTopics();
        }
        assertReplicated(config.topics().input());
        assertReplicated(config.topics().counts());
    }

    /** The monitor created the topic with 3 replicas, and it takes min.insync.replicas 2 from the cluster. */
    private void assertReplicated(String topic) {
        try (Admin admin = Admin.create(clients.admin())) {
            TopicDescription d =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertThat(d.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config c = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(c.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).isEqualTo("2");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe " + topic, e.getCause());
        }
    }

    /** Starts a 3-node cluster and creates the monitor's topics for application id {@code name}. */
    static FaultRig start(String name, int partitions) {
        return start(name, partitions, Map.of());
    }

    /** As {@link #start(String, int)}, with broker settings {@code brokerOverrides} on every node. */
    static FaultRig start(String name, int partitions, Map<String, String> brokerOverrides) {
        KraftCluster cluster = KraftCluster.launch(3, brokerOverrides);
        try {
            return new FaultRig(cluster, name, partitions, List.of());
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * As {@link #start(String, int)}, but the instances reach the cluster only through a {@link TcpProxy} per node
     * (their bootstrap servers and the addresses the brokers advertise to them are the proxies'), so the test can cut
     * them off. The test's own publisher and reader connect directly.
     */
    static FaultRig startBehindProxies(String name, int partitions) {
        List<TcpProxy> proxies = List.of(new TcpProxy(), new TcpProxy(), new TcpProxy());
        KraftCluster cluster =
                KraftCluster.launch(3, node -> proxies.get(node - 1).port());
        try {
            for (int node = 1; node <= proxies.size(); node++) {
                proxies.get(node - 1).forwardTo(cluster.externalPort(node));
            }
            return new FaultRig(cluster, name, partitions, proxies);
        } catch (RuntimeException e) {
            proxies.forEach(TcpProxy::close);
            cluster.close();
            throw e;
        }
    }

    /** Starts (or restarts, on the same state directory) the instance called {@code instance}. */
    MonitorProcess instance(String instance) {
        Path dir = stateDirs.computeIfAbsent(instance, i -> {
            try {
                Files.deleteIfExists(Path.of("target", "faults", name + "-" + i + ".log"));
                return Files.createTempDirectory("faults-" + name + "-" + i + "-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Map<String, String> own = new LinkedHashMap<>(settings);
        if (!proxies.isEmpty()) {
            own.put("bootstrap.servers", proxies.stream().map(TcpProxy::address).collect(Collectors.joining(",")));
        }
        MonitorProcess p = MonitorProcess.start(name + "-" + instance, own, dir);
        processes.add(p);
        return p;
    }

    /** Reader of what the monitors committed. */
    CommittedOutput output() {
        return new CommittedOutput(
                clients,
                config.applicationId(),
                config.topics().counts(),
                config.topics().alerts(),
                () -> processes.forEach(MonitorProcess::assertNotDiedOnItsOwn));
    }

    /**
     * Publishes {@code events} on a background thread at about {@code perSecond} (0: as fast as possible), adding
     * each to {@code truth}, then a heartbeat at {@code heartbeat} (null: none).
     */
    Publishing publish(List<ReleaseAnnouncement> events, int perSecond, GroundTruth truth, Instant heartbeat) {
        Publishing p = new Publishing(events, perSecond, truth, heartbeat);
        p.thread.start();
        return p;
    }

    /** A background publication of part of the feed. */
    final class Publishing {
        final Thread thread;
        final AtomicLong sent = new AtomicLong();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        private volatile long failed;

        private Publishing(List<ReleaseAnnouncement> events, int perSecond, GroundTruth truth, Instant heartbeat) {
            this.thread = new Thread(
                    () -> {
                        try (FeedPublisher publisher =
                                new FeedPublisher(clients, config.topics().input(), name + "-feed")) {
                            long t0 = System.nanoTime();
                            for (ReleaseAnnouncement a : events) {
                                synchronized (truth) {
                                    truth.add(a);
                                }
                                publisher.send(a);
                                long n = sent.incrementAndGet();
                                if (perSecond > 0 && n % 500 == 0) {
                                    long wait = t0 + n * 1_000_000_000L / perSecond - System.nanoTime();
                                    if (wait > 0) {
                                        Thread.sleep(wait / 1_000_000);
                                    }
                                }
                            }
                            if (heartbeat != null) {
                                publisher.heartbeat(heartbeat, name + "-feed");
                            }
                            publisher.flush();
                            failed = publisher.failed();
                        } catch (Throwable e) {
                            error.set(e);
                        }
                    },
                    name + "-publisher");
        }

        /** Waits for the end and checks that the cluster acknowledged every record. */
        void join() throws InterruptedException {
            thread.join();
            assertThat(error.get()).as("publisher error").isNull();
            assertThat(failed).as("records the cluster did not acknowledge").isZero();
        }
    }

    /** Every expected daily count is published once, with its exact value, and no other non-zero count is. */
    static void assertExactDailyCounts(CommittedOutput out, GroundTruth truth) {
        Map<String, Long> actual = out.dailyCounts();
        List<String> wrong = new ArrayList<>();
        truth.daily().forEach((k, v) -> {
            if (!v.equals(actual.get(k))) {
                wrong.add(k + " expected " + v + " got " + actual.get(k));
            }
        });
        actual.forEach((k, v) -> {
            if (!truth.daily().containsKey(k)) {
                wrong.add(k + " expected nothing got " + v);
            }
        });
        assertThat(wrong.stream().sorted().limit(40).toList())
                .as("daily counts that differ from the input's (of "
                        + truth.daily().size() + ")")
                .isEmpty();
        Map<String, Integer> repeated = out.dailyEmissions().entrySet().stream()
                .filter(e -> e.getValue() != 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(repeated).as("DAY windows published more than once").isEmpty();
    }

    /**
     * The alerts published are those of the fault-free run: per alert id, the same sequence of state changes
     * (so each FIRING step and the RESOLVED once, nothing re-announced), and no alert id it did not have.
     */
    static void assertSameAlerts(List<Alert> actual, List<Alert> reference) {
        assertThat(byAlertId(actual)).isEqualTo(byAlertId(reference));
    }

    static Map<String, List<String>> byAlertId(List<Alert> alerts) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Alert a : alerts) {
            out.computeIfAbsent(a.getAlertId(), k -> new ArrayList<>())
                    .add(a.getState() + " " + a.getSeverity() + " " + a.getGranularity() + " " + a.getWindowStart()
                            + ".." + a.getWindowEnd() + " observed " + a.getObserved());
        }
        return out;
    }

    @Override
    public void close() {
        // instances first, so none is left running against a cluster that is gone
        processes.forEach(MonitorProcess::close);
        proxies.forEach(TcpProxy::close);
        cluster.close();
    }
}
