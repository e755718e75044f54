package dev.releasewatch.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.releasewatch.config.AppConfig;
import dev.releasewatch.config.ConfigLoader;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Options shared by every command that talks to Kafka: where the cluster is and how the monitor is configured. */
public final class ConfigOptions {

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            description = "Kafka cluster to use (bootstrap.servers). Without it, demo, replay, bench and "
                    + "evaluate-scenarios start an embedded single-node broker; run (unless --embedded-broker), "
                    + "poll, ingest, produce and accept refuse to start.")
    String bootstrapServers;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file with configuration keys (see README).")
    Path configFile;

    @Option(
            names = {"-D", "--set"},
            paramLabel = "KEY=VALUE",
            mapFallbackValue = "",
            description =
                    "Sets one configuration key, e.g. -D window.zone=Europe/Paris or -D kafka.security.protocol=SASL_SSL.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(
            names = "--metrics-port",
            paramLabel = "PORT",
            description = "Port for /metrics, /health, /alerts (0 = any free port, -1 = off).")
    Integer metricsPort;

    /**
     * Loads the configuration of a command that needs an existing cluster: with no bootstrap servers
     * configured it fails as a bad argument (one line, exit 2) instead of starting an embedded broker.
     */
    AppConfig loadForCluster(CommandSpec spec) {
        AppConfig config = load();
        if (config.embeddedBroker()) {
            throw new ParameterException(
                    spec.commandLine(),
                    spec.name() + " needs --bootstrap-servers (or bootstrap.servers in the configuration)");
        }
        return config;
    }

    /** Loads the configuration: defaults, then the file, then RELEASE_WATCH_* variables, then these options. */
    AppConfig load() {
        Map<String, String> overrides = new LinkedHashMap<>(settings);
        if (bootstrapServers != null) {
            overrides.put("bootstrap.servers", bootstrapServers);
        }
        if (metricsPort != null) {
            overrides.put("metrics.port", metricsPort.toString());
        }
        return new ConfigLoader()
                .file(configFile)
                .environment(System.getenv())
                .overrides(overrides)
                .load();
    }
}
