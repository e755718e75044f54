package dev.releasewatch.secure;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.WindowCount;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.config.ConfigLoader;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.produce.FeedPublisher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitor on a secured broker ({@link SecureBroker}: no plaintext listener, ACLs enforced), configured
 * only through {@code kafka.*} pass-through properties. Each run counts a small feed exactly, records an
 * operator decision (the decision publisher), serves {@code /health} and {@code /alerts} (the alert reader),
 * and its whole captured output, {@code /health}, {@code /alerts} and {@code /metrics} are searched for every secret.
 */
@Timeout(300)
class SecuredClusterIT {

    private static final LocalDate FIRST_DAY = LocalDate.of(2021, 3, 1);
    private static final int DAYS = 3;
    private static final int PER_DAY = 120;
    private static final String[] SECTIONS = {"X264", "MP3", "GAMES", "EBOOK"};

    private static SecureBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = SecureBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldRunOnSaslSslWithScramAndExactlyTheDocumentedAcls() throws Exception {
        String password = TestCertificates.secret("scram");
        broker.addScramUser("monitor", password);
        Map<String, String> settings = settings("scram", broker.saslSslBootstrap());
        broker.grant(DocumentedAcls.forMonitor("User:monitor", "scram", topics("scram")));
        settings.put("kafka.security.protocol", "SASL_SSL");
        settings.put("kafka.sasl.mechanism", "SCRAM-SHA-512");
        settings.put("kafka.ssl.truststore.location", broker.certs.truststore.toString());
        settings.put("kafka.ssl.truststore.type", "PKCS12");
        Map<String, String> env = Map.of(
                "RELEASE_WATCH_KAFKA_SASL_JAAS_CONFIG",
                SecureBroker.SCRAM_JAAS + " username=\"monitor\" password=\"" + password + "\";",
                "RELEASE_WATCH_KAFKA_SSL_TRUSTSTORE_PASSWORD",
                broker.certs.truststorePassword);
        runAndCheck("scram", settings, env, List.of(password, broker.certs.truststorePassword), "SASL_SSL");
    }

    @Test
    void shouldRunOnMutualTlsWithExactlyTheDocumentedAcls() throws Exception {
        Map<String, String> settings = settings("mtls", broker.sslBootstrap());
        broker.grant(DocumentedAcls.forMonitor("User:CN=monitor", "mtls", topics("mtls")));
        settings.put("kafka.security.protocol", "SSL");
        settings.put("kafka.ssl.truststore.location", broker.certs.truststore.toString());
        settings.put("kafka.ssl.truststore.type", "PKCS12");
        settings.put("kafka.ssl.keystore.location", broker.certs.clientKeystore.toString());
        settings.put("kafka.ssl.keystore.type", "PKCS12");
        Map<String, String> env = Map.of(
                "RELEASE_WATCH_KAFKA_SSL_KEYSTORE_PASSWORD",
                broker.certs.clientPassword,
                "RELEASE_WATCH_KAFKA_SSL_TRUSTSTORE_PASSWORD",
                broker.certs.truststorePassword);
        runAndCheck(
                "mtls", settings, env, List.of(broker.certs.clientPassword, broker.certs.truststorePassword), "SSL");
    }

    @Test
    void shouldRefuseToStartWithoutAclsNamingWhatIsMissing() throws Exception {
        assertRefused("stranger", List.of(), List.of("creating topics", "CREATE", "stranger-in"));
    }

    @Test
    void shouldRefuseToStartWithoutTheGroupOrTransactionalIdAcl() throws Exception {
        List<AclBinding> noGroup = DocumentedAcls.forMonitor("User:nogroup", "nogroup", topics("nogroup")).stream()
                .filter(b -> b.pattern().resourceType() != ResourceType.GROUP)
                .toList();
        assertRefused("nogroup", noGroup, List.of("consumer group nogroup", "READ on group nogroup"));
        List<AclBinding> noTxn = DocumentedAcls.forMonitor("User:notxn", "notxn", topics("notxn")).stream()
                .filter(b -> b.pattern().resourceType() != ResourceType.TRANSACTIONAL_ID)
                .toList();
        assertRefused("notxn", noTxn, List.of("transactional id", "WRITE on transactional ids prefixed notxn-"));
    }

    /** Starts the monitor as SCRAM user {@code prefix} with only {@code acls}; it must exit naming what is missing. */
    private static void assertRefused(String prefix, List<AclBinding> acls, List<String> named) throws Exception {
        String password = TestCertificates.secret(prefix);
        broker.addScramUser(prefix, password);
        if (!acls.isEmpty()) {
            broker.grant(acls);
        }
        Map<String, String> settings = settings(prefix, broker.saslSslBootstrap());
        settings.put("kafka.security.protocol", "SASL_SSL");
        settings.put("kafka.sasl.mechanism", "SCRAM-SHA-512");
        settings.put("kafka.ssl.truststore.location", broker.certs.truststore.toString());
        settings.put("kafka.ssl.truststore.type", "PKCS12");
        Map<String, String> env = Map.of(
                "RELEASE_WATCH_KAFKA_SASL_JAAS_CONFIG",
                SecureBroker.SCRAM_JAAS + " username=\"" + prefix + "\" password=\"" + password + "\";",
                "RELEASE_WATCH_KAFKA_SSL_TRUSTSTORE_PASSWORD",
                broker.certs.truststorePassword);
        MonitorProcess monitor = MonitorProcess.start(settings, env);
        try {
            Integer exit = monitor.awaitExit(Duration.ofSeconds(120));
            String out = monitor.output();
            assertThat(exit).as("exit code; output:%n%s", out).isNotNull().isNotZero();
            String error = out.lines()
                    .filter(l -> l.startsWith("release-watch: "))
                    .findFirst()
                    .orElse("");
            assertThat(error).as(out).contains("not authorized").contains("docs/security.md");
            named.forEach(n -> assertThat(error).contains(n));
            assertNoSecret(out, List.of(password, broker.certs.truststorePassword));
        } finally {
            monitor.close();
        }
    }

    private void runAndCheck(
            String prefix, Map<String, String> settings, Map<String, String> env, List<String> secrets, String protocol)
            throws Exception {
        MonitorProcess monitor = MonitorProcess.start(settings, env);
        try {
            assertThat(monitor.awaitHealthy(Duration.ofSeconds(150)))
                    .as("monitor healthy; output:%n%s", monitor.output())
                    .isTrue();
            Map<LocalDate, Long> expected = publishFeed(prefix);
            Map<LocalDate, Long> counted = readTotals(prefix, Duration.ofSeconds(150));
            assertThat(counted).isEqualTo(expected);

            var decision = monitor.post(
                    "/decisions",
                    "{\"scope\":\"CATEGORY\",\"subject\":\"GAMES\",\"operator\":\"it\",\"reason\":\"secured\"}");
            assertThat(decision.statusCode()).as(decision.body()).isEqualTo(202);
            String health = monitor.get("/health").body();
            String alerts = monitor.get("/alerts").body();
            String metrics = monitor.get("/metrics").body();
            monitor.close();
            String out = monitor.output();
            assertThat(out)
                    .as("Kafka's configuration dumps were logged (so masking was exercised)")
                    .contains("sasl.jaas.config = ")
                    .contains("ssl.truststore.password = [hidden]")
                    .doesNotContain("AuthorizationException")
                    .doesNotContain("AuthenticationException")
                    .doesNotContain("SslHandshake");
            assertNoSecret(out + health + alerts + metrics, secrets);
            assertEveryClientUses(out, protocol);
        } finally {
            monitor.close();
        }
    }

    /**
     * Every Kafka client logs its configuration when created: the monitor's admin, Kafka Streams' admin,
     * consumers and producer, the alert reader and the decision publisher must all show the secured protocol.
     */
    private static void assertEveryClientUses(String out, String protocol) {
        List<String> protocols = out.lines()
                .map(String::trim)
                .filter(l -> l.startsWith("security.protocol = "))
                .toList();
        assertThat(protocols).hasSizeGreaterThanOrEqualTo(7).containsOnly("security.protocol = " + protocol);
        assertThat(out)
                .contains("client.id = release-watch-alert-reader")
                .contains("client.id = release-watch-decisions")
                .contains("-StreamThread-1-consumer")
                .contains("-StreamThread-1-producer")
                .contains("-restore-consumer")
                .contains("-admin");
    }

    private static void assertNoSecret(String text, List<String> secrets) {
        for (String secret : secrets) {
            assertThat(text).as("output leaks a secret").doesNotContain(secret);
        }
        assertThat(text).doesNotContain("s3cret-");
    }

    private static Map<String, String> settings(String prefix, String bootstrap) {
        List<String> t = topics(prefix);
        Map<String, String> s = new HashMap<>();
        s.put("bootstrap.servers", bootstrap);
        s.put("application.id", prefix);
        s.put("topic.input", t.get(0));
        s.put("topic.counts", t.get(1));
        s.put("topic.alerts", t.get(2));
        s.put("topic.dead-letters", t.get(3));
        s.put("topic.decisions", t.get(4));
        s.put("topic.partitions", "2");
        return s;
    }

    private static List<String> topics(String prefix) {
        return List.of(prefix + "-in", prefix + "-counts", prefix + "-alerts", prefix + "-dead", prefix + "-decisions");
    }

    /** The operator's clients: the broker's own certificate over SSL (a super user). */
    private static AppConfig operatorConfig(String prefix) {
        Map<String, String> s = settings(prefix, broker.sslBootstrap());
        broker.operatorClient().forEach((k, v) -> {
            if (!k.equals("bootstrap.servers")) {
                s.put("kafka." + k, v);
            }
        });
        return new ConfigLoader().overrides(s).load();
    }

    private static Map<LocalDate, Long> publishFeed(String prefix) {
        AppConfig config = operatorConfig(prefix);
        Map<LocalDate, Long> expected = new TreeMap<>();
        long start = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long step = 86_400_000L / PER_DAY;
        try (FeedPublisher publisher =
                new FeedPublisher(new ClientProperties(config), config.topics().input(), "secure-it")) {
            for (int d = 0; d < DAYS; d++) {
                for (int i = 0; i < PER_DAY; i++) {
                    publisher.send(ReleaseAnnouncement.newBuilder()
                            .setName("Secure.Release." + d + "." + i + ".2021.x264-GRP" + (i % 7))
                            .setSection(SECTIONS[i % SECTIONS.length])
                            .setTime(Instant.ofEpochMilli(start + d * 86_400_000L + i * step))
                            .setSource("secure-it")
                            .build());
                    expected.merge(FIRST_DAY.plusDays(d), 1L, Long::sum);
                }
            }
            publisher.heartbeat(
                    Instant.ofEpochMilli(start + DAYS * 86_400_000L).plus(Duration.ofHours(1)), "secure-it");
            publisher.flush();
            assertThat(publisher.failed()).isZero();
        }
        return expected;
    }

    private static Map<LocalDate, Long> readTotals(String prefix, Duration timeout) throws Exception {
        AppConfig config = operatorConfig(prefix);
        AvroSerde<WindowCount> serde = AvroSerde.of(WindowCount.class);
        Map<LocalDate, Long> totals = new TreeMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(new ClientProperties(config).consumer("secure-it-reader"))) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(config.topics().counts())
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (totals.size() < DAYS) {
                assertThat(System.nanoTime())
                        .as("waiting for %d daily totals, have %s", DAYS, totals)
                        .isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    WindowCount c = serde.decode(r.value());
                    if (c.getGranularity() == Granularity.DAY && c.getScope() == Scope.TOTAL) {
                        totals.put(c.getWindowStart().atZone(ZoneOffset.UTC).toLocalDate(), c.getCount());
                    }
                }
            }
        }
        return totals;
    }
}
