package dev.releasewatch.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker (KRaft, combined broker and controller) running inside this JVM, built from
 * Kafka's own server classes: the demo's default and the integration tests' real broker.
 *
 * <p>Single-node overrides (replication factor 1 for internal topics) are required; the small log-cleaner
 * buffer keeps the broker's heap near 40 MB instead of reserving 128 MB for compaction.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final TemporaryDirectory dataDir;
    private final Path logDir;
    private final Properties config;
    private final String host;
    private final int port;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(TemporaryDirectory dataDir, String host, Map<String, String> extra) {
        this.dataDir = dataDir;
        this.host = host;
        this.logDir = dataDir.path();
        this.port = freePort();
        int controllerPort = freePort();
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
        p.put("log.dirs", logDir.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.cleaner.dedupe.buffer.size", "2097152");
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        p.putAll(extra);
        this.config = p;
    }

    /** Starts a broker on free local ports with its data in a fresh temporary directory, deleted on close. */
    public static EmbeddedKafkaBroker start() {
        return start(Map.of());
    }

    /** As {@link #start()}, with extra broker properties. */
    public static EmbeddedKafkaBroker start(Map<String, String> extra) {
        return start("localhost", extra);
    }

    /**
     * As {@link #start(Map)}, with the client listener bound to and advertised on {@code host} instead of
     * localhost: e.g. the Docker bridge's gateway address, so that a monitor in a container reaches a broker
     * running outside it (the controller listener stays on localhost).
     */
    public static EmbeddedKafkaBroker start(String host, Map<String, String> extra) {
        try {
            EmbeddedKafkaBroker broker =
                    new EmbeddedKafkaBroker(TemporaryDirectory.create("release-watch-kafka-"), host, extra);
            broker.format();
            broker.startServer();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code bootstrap.servers} value for clients. */
    public String bootstrapServers() {
        return host + ":" + port;
    }

    private void format() throws IOException {
        Path props = logDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(props)) {
            config.store(out, "release-watch embedded broker");
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int rc = StorageTool.execute(
                new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", props.toString(), "--standalone"},
                new PrintStream(captured, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException(
                    "formatting the embedded broker's storage failed: " + captured.toString(StandardCharsets.UTF_8));
        }
    }

    private void startServer() {
        long t0 = System.nanoTime();
        server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        server.startup();
        LOGGER.info(
                "Embedded Kafka broker ready at {} in {} ms (data in {}; its warnings go to {})",
                bootstrapServers(),
                (System.nanoTime() - t0) / 1_000_000,
                logDir,
                brokerLog());
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
        dataDir.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the logging configuration (logback.xml, appender BROKER_FILE) sends the broker's own log lines. */
    private static String brokerLog() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context
                && context.getLogger("kafka").getAppender("BROKER_FILE")
                        instanceof ch.qos.logback.core.FileAppender<?> file) {
            return file.getFile();
        }
        return "the configured log of logger 'kafka'";
    }
}
