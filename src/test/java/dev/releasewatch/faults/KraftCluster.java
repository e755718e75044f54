package dev.releasewatch.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.releasewatch.kafka.TemporaryDirectory;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A KRaft cluster of three combined broker-and-controller nodes in this JVM, built from Kafka's own server classes
 * (the test-kit artifact of Kafka is not published for 4.4, so this does what it does with {@link KafkaRaftServer}).
 *
 * <p>Every topic defaults to replication factor 3 and {@code min.insync.replicas} 2, internal topics too, so one node
 * can be stopped ({@link #stopNode(int)}) without losing a write or the controller quorum, and started again
 * ({@link #startNode(int)}) on its own data. Nodes start in parallel because a combined node's broker waits for a
 * controller quorum before its start-up returns.
 */
final class KraftCluster implements AutoCloseable {

    private final TemporaryDirectory root;
    private final List<Properties> configs = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final List<Integer> externalPorts = new ArrayList<>();
    private final KafkaRaftServer[] servers;

    /**
     * @param advertisedExternal null for one client listener; else node (1-based) to the port a second listener,
     *                           {@code EXTERNAL}, is advertised at (a proxy's): clients that bootstrap there reach
     *                           every node through its proxy, while replication and the controllers keep the
     *                           direct listeners, so cutting the proxies cuts the clients off and leaves the cluster
     *                           whole
     * @param overrides          broker settings that replace the defaults below on every node
     */
    private KraftCluster(int size, IntUnaryOperator advertisedExternal, Map<String, String> overrides) {
        this.root = TemporaryDirectory.create("release-watch-faults-kafka-");
        this.servers = new KafkaRaftServer[size];
        List<Integer> controllerPorts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ports.add(freePort());
            controllerPorts.add(freePort());
            externalPorts.add(advertisedExternal == null ? -1 : freePort());
        }
        String voters = IntStream.range(0, size)
                .mapToObj(i -> (i + 1) + "@localhost:" + controllerPorts.get(i))
                .collect(Collectors.joining(","));
        for (int i = 0; i < size; i++) {
            Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", String.valueOf(i + 1));
            String listeners =
                    "PLAINTEXT://localhost:" + ports.get(i) + ",CONTROLLER://localhost:" + controllerPorts.get(i);
            String advertised = "PLAINTEXT://localhost:" + ports.get(i);
            if (advertisedExternal != null) {
                listeners += ",EXTERNAL://127.0.0.1:" + externalPorts.get(i);
                advertised += ",EXTERNAL://127.0.0.1:" + advertisedExternal.applyAsInt(i + 1);
            }
            p.put("listeners", listeners);
            p.put("advertised.listeners", advertised);
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("controller.listener.names", "CONTROLLER");
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,EXTERNAL:PLAINTEXT");
            p.put("controller.quorum.voters", voters);
            p.put("log.dirs", root.path().resolve("node-" + (i + 1)).toString());
            p.put("default.replication.factor", "3");
            p.put("min.insync.replicas", "2");
            p.put("offsets.topic.replication.factor", "3");
            p.put("offsets.topic.num.partitions", "3");
            p.put("transaction.state.log.replication.factor", "3");
            p.put("transaction.state.log.min.isr", "2");
            p.put("transaction.state.log.num.partitions", "3");
            p.put("share.coordinator.state.topic.replication.factor", "3");
            p.put("share.coordinator.state.topic.min.isr", "2");
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("log.cleaner.dedupe.buffer.size", "2097152");
            p.put("num.partitions", "1");
            p.put("auto.create.topics.enable", "false");
            // three nodes share two cores with the monitors: few threads each
            p.put("num.network.threads", "2");
            p.put("num.io.threads", "2");
            p.put("background.threads", "2");
            p.put("num.replica.fetchers", "1");
            p.put("log.cleaner.threads", "1");
            // a stopped follower leaves the ISR quickly, so acks=all writes go on with the other two
            p.put("replica.lag.time.max.ms", "5000");
            p.putAll(overrides);
            configs.add(p);
        }
    }

    /** Formats and starts a cluster of {@code size} nodes (3 for the fault tests). */
    static KraftCluster launch(int size) {
        return launch(size, null, Map.of());
    }

    /**
     * As {@link #launch(int)}, each node with a second client listener advertised at
     * {@code advertisedExternal.applyAsInt(node)} (see {@link #externalPort(int)} for where it really listens).
     */
    static KraftCluster launch(int size, IntUnaryOperator advertisedExternal) {
        return launch(size, advertisedExternal, Map.of());
    }

    /** As {@link #launch(int)}, with broker settings {@code overrides} on every node. */
    static KraftCluster launch(int size, Map<String, String> overrides) {
        return launch(size, null, overrides);
    }

    private static KraftCluster launch(int size, IntUnaryOperator advertisedExternal, Map<String, String> overrides) {
        KraftCluster cluster = new KraftCluster(size, advertisedExternal, overrides);
        String clusterId = Uuid.randomUuid().toString();
        for (int i = 0; i < size; i++) {
            cluster.format(i, clusterId);
        }
        cluster.onEveryNode(cluster::startNode);
        return cluster;
    }

    /** The bootstrap servers of every node. */
    String bootstrapServers() {
        return ports.stream().map(p -> "localhost:" + p).collect(Collectors.joining(","));
    }

    /** The bootstrap address of one node (1-based id). */
    String address(int node) {
        return "localhost:" + ports.get(node - 1);
    }

    /** The client port of one node (1-based id). */
    int port(int node) {
        return ports.get(node - 1);
    }

    /** The port node {@code node}'s second client listener really listens on (-1 without one). */
    int externalPort(int node) {
        return externalPorts.get(node - 1);
    }

    /** Starts (or starts again, on its own data) node {@code node} (1-based id). */
    void startNode(int node) {
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(configs.get(node - 1), false), Time.SYSTEM);
        synchronized (this) {
            if (servers[node - 1] != null) {
                throw new IllegalStateException("node " + node + " is running");
            }
            servers[node - 1] = server;
        }
        // not under the lock: a node's start-up waits for the others to form the controller quorum
        server.startup();
    }

    /** Shuts node {@code node} down (controlled shutdown: its leaderships move first) and waits until it is down. */
    void stopNode(int node) {
        KafkaRaftServer server;
        synchronized (this) {
            server = servers[node - 1];
            servers[node - 1] = null;
        }
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
        }
    }

    /** The id of the node leading a partition, or -1 when it has none. */
    int leaderOf(String topic, int partition) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            TopicDescription d =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            TopicPartitionInfo info = d.partitions().get(partition);
            Node leader = info.leader();
            return leader == null ? -1 : leader.id();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe " + topic, e.getCause());
        }
    }

    /** Replicas in sync for a partition, by node id. */
    List<Integer> inSyncReplicas(String topic, int partition) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            TopicDescription d =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            return d.partitions().get(partition).isr().stream().map(Node::id).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe " + topic, e.getCause());
        }
    }

    @Override
    public void close() {
        onEveryNode(this::stopNode);
        root.close();
    }

    /**
     * Runs {@code action} for every node at once, each on a thread of its own (not the common pool, which has one
     * thread on a 2-core machine: the first node would wait for a quorum the others never get to form).
     */
    private void onEveryNode(IntConsumer action) {
        ExecutorService pool = Executors.newFixedThreadPool(servers.length);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < servers.length; i++) {
                int node = i + 1;
                done.add(pool.submit(() -> action.accept(node)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a node failed to start or stop", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void format(int index, String clusterId) {
        Path dir = Path.of(configs.get(index).getProperty("log.dirs"));
        try {
            Files.createDirectories(dir);
            Path props = root.path().resolve("node-" + (index + 1) + ".properties");
            try (OutputStream out = Files.newOutputStream(props)) {
                configs.get(index).store(out, "release-watch fault-test node");
            }
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            int rc = StorageTool.execute(
                    new String[] {"format", "-t", clusterId, "-c", props.toString()},
                    new PrintStream(captured, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException(
                        "formatting node " + (index + 1) + " failed: " + captured.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
