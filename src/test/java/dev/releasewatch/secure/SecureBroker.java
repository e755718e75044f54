package dev.releasewatch.secure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import dev.releasewatch.kafka.TemporaryDirectory;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft broker with no plaintext client listener: {@code SASL_SSL} (SCRAM-SHA-512) and
 * {@code SSL} with client certificates required, {@code StandardAuthorizer} on and no "allow if no ACL".
 * Because no listener accepts an unauthenticated client, a monitor client that ignored the pass-through
 * properties could not connect at all. The controller listener is SSL too, so the only super user is the
 * broker's own certificate ({@code User:CN=localhost}); the test's operator client presents that
 * certificate to create SCRAM users, topics and ACLs.
 */
final class SecureBroker implements AutoCloseable {

    static final String SCRAM_JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required";

    final TestCertificates certs;
    private final TemporaryDirectory dir;
    private final int saslPort = freePort();
    private final int sslPort = freePort();
    private final int controllerPort = freePort();
    private KafkaRaftServer server;

    private SecureBroker(TemporaryDirectory dir, TestCertificates certs) {
        this.dir = dir;
        this.certs = certs;
    }

    static SecureBroker start() throws IOException, InterruptedException {
        TemporaryDirectory dir = TemporaryDirectory.create("release-watch-secure-");
        SecureBroker broker = new SecureBroker(dir, TestCertificates.create(dir.path()));
        broker.startServer();
        return broker;
    }

    String saslSslBootstrap() {
        return "localhost:" + saslPort;
    }

    String sslBootstrap() {
        return "localhost:" + sslPort;
    }

    /** Client properties (without the {@code kafka.} prefix) of the operator: the broker's own certificate. */
    Map<String, String> operatorClient() {
        Map<String, String> p = new HashMap<>(truststoreClient());
        p.put("bootstrap.servers", sslBootstrap());
        p.put("security.protocol", "SSL");
        p.put("ssl.keystore.location", certs.brokerKeystore.toString());
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.keystore.password", certs.brokerPassword);
        return p;
    }

    /** The truststore settings every client needs to verify the broker's self-signed certificate. */
    Map<String, String> truststoreClient() {
        return Map.of(
                "ssl.truststore.location",
                certs.truststore.toString(),
                "ssl.truststore.type",
                "PKCS12",
                "ssl.truststore.password",
                certs.truststorePassword);
    }

    Admin operatorAdmin() {
        return Admin.create(new HashMap<>(operatorClient()));
    }

    /** Creates (or replaces) a SCRAM-SHA-512 user. */
    void addScramUser(String user, String password) throws InterruptedException, ExecutionException {
        try (Admin admin = operatorAdmin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                            user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password)))
                    .all()
                    .get();
        }
    }

    void grant(List<AclBinding> acls) throws InterruptedException, ExecutionException {
        try (Admin admin = operatorAdmin()) {
            admin.createAcls(acls).all().get();
        }
    }

    private void startServer() throws IOException {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put(
                "listeners",
                "SASL_SSL://localhost:" + saslPort + ",SSL://localhost:" + sslPort + ",CONTROLLER://localhost:"
                        + controllerPort);
        p.put("advertised.listeners", "SASL_SSL://localhost:" + saslPort + ",SSL://localhost:" + sslPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "SSL");
        p.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,SSL:SSL,CONTROLLER:SSL");
        p.put("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
        p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", SCRAM_JAAS + ";");
        p.put("ssl.keystore.location", certs.brokerKeystore.toString());
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.keystore.password", certs.brokerPassword);
        p.put("ssl.truststore.location", certs.truststore.toString());
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.password", certs.truststorePassword);
        p.put("listener.name.ssl.ssl.client.auth", "required");
        p.put("listener.name.controller.ssl.client.auth", "required");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:CN=localhost");
        p.put("log.dirs", dir.path().resolve("data").toString());
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
        Path props = dir.path().resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(props)) {
            p.store(out, "release-watch secured test broker");
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int rc = StorageTool.execute(
                new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", props.toString(), "--standalone"},
                new PrintStream(captured, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException("formatting failed: " + captured.toString(StandardCharsets.UTF_8));
        }
        server = new KafkaRaftServer(KafkaConfig.fromProps(p, false), Time.SYSTEM);
        server.startup();
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
        dir.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
