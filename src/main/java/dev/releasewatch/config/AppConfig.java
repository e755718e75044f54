package dev.releasewatch.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * The monitor's typed configuration. Every default lives in {@link ConfigLoader#DEFAULTS}; this record
 * only holds validated values.
 *
 * @param bootstrapServers  Kafka bootstrap servers; {@code null} starts the embedded single-node broker
 * @param applicationId     Kafka Streams application id (also the consumer group of the topology)
 * @param topics            topic names and how the monitor creates them
 * @param zone              time zone the hour and day windows are aligned to
 * @param grace             how long after a window's end (in event time) records are still counted in it
 * @param dedupWindow       how long a release name is remembered to drop repeated announcements
 * @param minEventTime      events before this are invalid (dead-lettered)
 * @param maxFutureSkew     events further than this ahead of the wall clock are invalid (dead-lettered)
 * @param maxNameLength     longer release names are invalid (dead-lettered)
 * @param idleAdvance       a live input partition that has been idle this long (wall clock) has its
 *                          event-time watermark advanced, so a silent feed still closes windows
 * @param liveLag           an input partition counts as live when its event time is within this of the wall clock
 * @param processingGuarantee Kafka Streams processing guarantee ({@code exactly_once_v2} by default)
 * @param streamThreads     Kafka Streams threads per instance
 * @param stateDir          Kafka Streams state directory
 * @param metricsPort       HTTP port for /metrics and /health; 0 picks a free port, -1 disables the server
 * @param metricsBind       address the HTTP server listens on; {@code null} listens on every interface
 * @param alertmanager      where feed alerts are forwarded to (Alertmanager URLs, static labels, the page's URL)
 * @param kafkaProperties   client properties passed through verbatim (the {@code kafka.} prefix removed):
 *                          security, SASL, SSL, and any producer/consumer/streams setting
 * @param detectorProperties the {@code detector.*} keys, read by the detector's own settings
 * @param http              the HTTP servers' token, timeouts and bounds ({@code http.*})
 * @param history           retention of the dashboard's history stores and this instance's advertised host
 * @param eventTime         how event time is decided when sources' clocks disagree ({@code watermark.*})
 * @param serde             how the input, alerts and counts topics are framed ({@code serde.format}) and the schema
 *                          registry of the registry format
 * @param maxRebalance      how long Kafka Streams may stay REBALANCING before {@code /health} says not ready
 *                          ({@code health.max-rebalance})
 */
public record AppConfig(
        String bootstrapServers,
        String applicationId,
        TopicSettings topics,
        ZoneId zone,
        Duration grace,
        Duration dedupWindow,
        Instant minEventTime,
        Duration maxFutureSkew,
        int maxNameLength,
        Duration idleAdvance,
        Duration liveLag,
        String processingGuarantee,
        int streamThreads,
        Path stateDir,
        int metricsPort,
        InetAddress metricsBind,
        AlertmanagerConfig alertmanager,
        Map<String, String> kafkaProperties,
        Map<String, String> detectorProperties,
        HttpSettings http,
        HistorySettings history,
        EventTimeSettings eventTime,
        SerdeSettings serde,
        Duration maxRebalance) {

    /** Whether the monitor must start its own embedded broker. */
    public boolean embeddedBroker() {
        return bootstrapServers == null;
    }

    /** A copy pointing at the given bootstrap servers (e.g. the embedded broker's). */
    public AppConfig withBootstrapServers(String servers) {
        return new AppConfig(
                servers,
                applicationId,
                topics,
                zone,
                grace,
                dedupWindow,
                minEventTime,
                maxFutureSkew,
                maxNameLength,
                idleAdvance,
                liveLag,
                processingGuarantee,
                streamThreads,
                stateDir,
                metricsPort,
                metricsBind,
                alertmanager,
                kafkaProperties,
                detectorProperties,
                http,
                history,
                eventTime,
                serde,
                maxRebalance);
    }

    /** A copy with another application id and state directory, so runs do not share state. */
    public AppConfig withApplicationId(String id, Path dir) {
        return new AppConfig(
                bootstrapServers,
                id,
                topics,
                zone,
                grace,
                dedupWindow,
                minEventTime,
                maxFutureSkew,
                maxNameLength,
                idleAdvance,
                liveLag,
                processingGuarantee,
                streamThreads,
                dir,
                metricsPort,
                metricsBind,
                alertmanager,
                kafkaProperties,
                detectorProperties,
                http,
                history,
                eventTime,
                serde,
                maxRebalance);
    }

    /** A copy with another metrics port. */
    public AppConfig withMetricsPort(int port) {
        return new AppConfig(
                bootstrapServers,
                applicationId,
                topics,
                zone,
                grace,
                dedupWindow,
                minEventTime,
                maxFutureSkew,
                maxNameLength,
                idleAdvance,
                liveLag,
                processingGuarantee,
                streamThreads,
                stateDir,
                port,
                metricsBind,
                alertmanager,
                kafkaProperties,
                detectorProperties,
                http,
                history,
                eventTime,
                serde,
                maxRebalance);
    }

    /** A copy with other topics. */
    public AppConfig withTopics(TopicSettings other) {
        return new AppConfig(
                bootstrapServers,
                applicationId,
                other,
                zone,
                grace,
                dedupWindow,
                minEventTime,
                maxFutureSkew,
                maxNameLength,
                idleAdvance,
                liveLag,
                processingGuarantee,
                streamThreads,
                stateDir,
                metricsPort,
                metricsBind,
                alertmanager,
                kafkaProperties,
                detectorProperties,
                http,
                history,
                eventTime,
                serde,
                maxRebalance);
    }

    /** A copy with another framing of the input, alerts and counts topics. */
    public AppConfig withSerde(SerdeSettings other) {
        return new AppConfig(
                bootstrapServers,
                applicationId,
                topics,
                zone,
                grace,
                dedupWindow,
                minEventTime,
                maxFutureSkew,
                maxNameLength,
                idleAdvance,
                liveLag,
                processingGuarantee,
                streamThreads,
                stateDir,
                metricsPort,
                metricsBind,
                alertmanager,
                kafkaProperties,
                detectorProperties,
                http,
                history,
                eventTime,
                other,
                maxRebalance);
    }
}
