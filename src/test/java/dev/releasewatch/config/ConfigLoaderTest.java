package dev.releasewatch.config;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @Test
    void shouldSkipTheLaunchersJavaOptionsVariableButStillRefuseOtherUnknownVariables() {
        AppConfig config = new ConfigLoader()
                .environment(Map.of("RELEASE_WATCH_JAVA_OPTS", "-Xmx2g", "RELEASE_WATCH_TOPIC_PARTITIONS", "4"))
                .load();
        assertThat(config.topics().partitions()).isEqualTo(4);
        assertThatThrownBy(() -> new ConfigLoader().environment(Map.of("RELEASE_WATCH_JAVA_OPTION", "-Xmx2g")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("java.option");
    }

    @Test
    void shouldLayerFileThenEnvironmentThenOverrides() throws Exception {
        Path file = Files.createTempFile("rw", ".properties");
        Files.writeString(file, "window.grace=30m\nkafka.security.protocol=SASL_SSL\ntopic.partitions=3\n");
        AppConfig config = new ConfigLoader()
                .file(file)
                .environment(Map.of(
                        "RELEASE_WATCH_TOPIC_PARTITIONS",
                        "12",
                        "RELEASE_WATCH_KAFKA_SASL_MECHANISM",
                        "PLAIN",
                        "HOME",
                        "/root"))
                .overrides(Map.of("window.zone", "Europe/Paris"))
                .load();
        assertThat(config.grace()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.topics().partitions()).isEqualTo(12);
        assertThat(config.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(config.kafkaProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN");
        assertThat(config.detectorProperties()).containsEntry("detector.zone", "Europe/Paris");
        assertThat(config.embeddedBroker()).isTrue();
        assertThat(config.processingGuarantee()).isEqualTo("exactly_once_v2");
    }

    @Test
    void shouldNameTheKeyOfABadValue() {
        assertThatThrownBy(() -> new ConfigLoader().set("window.grace", "soon").load())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("window.grace: ");
        assertThatThrownBy(() -> new ConfigLoader().set("topic.partitions", "0").load())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("topic.partitions: ");
        assertThatThrownBy(() ->
                        new ConfigLoader().set("window.zone", "Mars/Olympus").load())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("window.zone: ");
        assertThatThrownBy(() ->
                        new ConfigLoader().set("processing.guarantee", "maybe").load())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("processing.guarantee: ");
        assertThatThrownBy(() -> new ConfigLoader()
                        .set("detector.min-expected-daily", "abc")
                        .load())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("detector.min-expected-daily: ");
        assertThatThrownBy(() ->
                        new ConfigLoader().set("metrics.bind", "300.1.2.3").load())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("metrics.bind: ");
    }

    @Test
    void shouldListenOnEveryInterfaceUnlessABindAddressIsGiven() throws Exception {
        assertThat(new ConfigLoader().load().metricsBind()).isNull();
        assertThat(new ConfigLoader()
                        .environment(Map.of("RELEASE_WATCH_METRICS_BIND", "127.0.0.1"))
                        .load()
                        .metricsBind())
                .isEqualTo(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void shouldLetARebalanceLastFiveMinutesBeforeHealthSaysNotReadyUnlessConfigured() {
        assertThat(new ConfigLoader().load().maxRebalance()).isEqualTo(Duration.ofMinutes(5));
        assertThat(new ConfigLoader()
                        .environment(Map.of("RELEASE_WATCH_HEALTH_MAX_REBALANCE", "90s"))
                        .load()
                        .maxRebalance())
                .isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() ->
                        new ConfigLoader().set("health.max-rebalance", "0s").load())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("health.max-rebalance: ");
    }

    @Test
    void shouldRejectUnknownKeys() {
        assertThatThrownBy(() -> new ConfigLoader().set("windw.grace", "1m"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("windw.grace: unknown key");
    }

    @Test
    void shouldReadShortAndIsoDurations() {
        assertThat(ConfigLoader.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ConfigLoader.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(ConfigLoader.parseDuration("PT15M")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void shouldRefuseAtLeastOnceBecausePartialSumsAreNotIdempotent() {
        assertThatThrownBy(() -> new ConfigLoader()
                        .set("processing.guarantee", "at_least_once")
                        .load())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("processing.guarantee: at_least_once is not supported")
                .hasMessageContaining("not idempotent");
        assertThatThrownBy(() -> new ConfigLoader()
                        .set("kafka.processing.guarantee", "at_least_once")
                        .load())
                .as("the pass-through client properties cannot slip it in")
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("kafka.processing.guarantee: at_least_once is not supported");
        assertThat(new ConfigLoader().load().processingGuarantee()).isEqualTo("exactly_once_v2");
    }

    @Test
    void shouldReadTheHttpTokenWithoutEverShowingIt() {
        AppConfig config = new ConfigLoader()
                .set("http.auth.token", "s3cret-value")
                .set("http.read-timeout", "5s")
                .load();
        assertThat(config.http().authToken().required()).isTrue();
        assertThat(config.http().authToken().admits("Bearer s3cret-value")).isTrue();
        assertThat(config.http().authToken().admits("Bearer s3cret-valuE")).isFalse();
        assertThat(config.http().authToken().admits(null)).isFalse();
        assertThat(config.http().readTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.toString()).doesNotContain("s3cret");
        assertThat(new ConfigLoader().load().http().authToken().admits(null))
                .as("no token configured: every request is let through")
                .isTrue();
        assertThatThrownBy(() -> new ConfigLoader().set("http.threads", "2").load())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("http.threads: ");
    }

    @Test
    void shouldFrameTheTopicsInSingleObjectEncodingUnlessTheRegistryFormatIsChosen() {
        assertThat(new ConfigLoader().load().serde()).isEqualTo(SerdeSettings.SINGLE_OBJECT);
        SerdeSettings registry = new ConfigLoader()
                .environment(Map.of(
                        "RELEASE_WATCH_SERDE_FORMAT", "registry",
                        "RELEASE_WATCH_SCHEMA_REGISTRY_URL", "http://registry:8080/apis/registry/v2"))
                .set("schema.registry.apicurio.auth.username", "alice")
                .load()
                .serde();
        assertThat(registry.format()).isEqualTo(SerdeFormat.REGISTRY);
        assertThat(registry.registryUrl()).isEqualTo("http://registry:8080/apis/registry/v2");
        assertThat(registry.registryProperties()).isEqualTo(Map.of("apicurio.auth.username", "alice"));
    }

    @Test
    void shouldNameTheKeyOfABadSerdeSetting() {
        assertThatThrownBy(() ->
                        new ConfigLoader().set("serde.format", "confluent").load())
                .isInstanceOf(ConfigException.class)
                .hasMessage("serde.format: must be one of single-object, registry, got 'confluent'");
        assertThatThrownBy(
                        () -> new ConfigLoader().set("serde.format", "registry").load())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("schema.registry.url: must be set when serde.format=registry");
        assertThatThrownBy(() -> new ConfigLoader()
                        .set("serde.format", "registry")
                        .set("schema.registry.url", "registry:8080")
                        .load())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("schema.registry.url: must be an http(s) URL");
    }
}
