package dev.releasewatch.topology;

import java.util.Map;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.ClosedWindow;
import dev.releasewatch.avro.DeadLetter;
import dev.releasewatch.avro.OperatorDecision;
import dev.releasewatch.avro.WindowBatch;
import dev.releasewatch.avro.WindowCount;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.detect.DetectorSettings;
import dev.releasewatch.feed.ReleaseClassifier;
import dev.releasewatch.kafka.ValueFormat;
import dev.releasewatch.topology.dedup.SeenStoreSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the monitor's Kafka Streams topology:
 *
 * <pre>
 * input (key: release name) ──► count   ── validate ─► dead letters topic (reason + original bytes)
 *                               (one task per       ├─ de-duplicate (store "seen": chunks of name hashes)
 *                                input partition)   └─ hour/day partial counts, closed by watermark
 *                                   │  WindowBatch, one per task per event-time hour
 *                                   ▼
 *                      split by owner (DetectShards): to every detect partition its groups and the feed-wide part
 *                                   ▼
 *                        repartition "window-batches" (detect.partitions)
 *                                   │
 * decisions ─► read ─► repartition ─┤ OperatorDecision (accept a new normal), to the partitions it concerns
 *   └ not a valid decision ─► dead letters topic
 *                                   ▼
 *                               detect  ── final window counts ─► counts topic
 *                 (one task per detect    └ DetectionEngine ────► alerts topic
 *                  partition)
 *
 * counts topic, alerts topic ─► history stores of the dashboard's API ({@link HistoryTopology})
 * </pre>
 *
 * <p>The decisions are repartitioned to the detect partitions ({@link DecisionPartitioner}) so that both sources of
 * the detecting sub-topology have as many partitions and a decision meets, in one task, the detector state it
 * changes.
 *
 * <p>Every store is changelogged and the application runs with exactly-once by default, so counts and
 * detector state are exact after a crash and restart.
 */
public final class ReleaseWatchTopology {

    /**
     * Name of the repartition that carries window batches to the detecting task (Kafka Streams names the topic
     * {@code <application.id>-window-batches-repartition}); the task that reads it is the detecting task.
     */
    public static final String WINDOW_BATCHES = "window-batches";

    /**
     * De-duplication store: the changelogged chunks of the counting task's memory of remembered releases (a 64-bit hash
     * of the lower-cased name → when and how it was counted; see {@code SeenMemory}).
     */
    public static final String SEEN_STORE = "seen";
    /** Counting tasks' watermark. */
    public static final String PROGRESS_STORE = "count-progress";
    /** Counting tasks' event-time front: its sample, the sources' latest stamps, the records held back. */
    public static final String EVENT_TIME_STORE = "count-event-time";
    /** Partial sums of windows not final yet. */
    public static final String PENDING_STORE = "pending-windows";
    /** Per-partition watermarks and last finalised windows of the detecting task. */
    public static final String DETECTOR_PROGRESS_STORE = "detect-progress";
    /** The detector's per-subject state. */
    public static final String DETECTOR_STATE_STORE = "detector-state";

    private ReleaseWatchTopology() {}

    /** Name of the repartition that carries operator decisions to the detecting tasks they concern. */
    public static final String DECISIONS_ROUTED = "decisions-routed";

    /**
     * Builds the topology with {@code detect.partitions}, or as many detect partitions as {@code stream.threads} when
     * it is 0 (its default; see {@code MonitorRuntime} for the rule with existing state).
     *
     * @param config          topics, windows, validation and watermark settings
     * @param inputPartitions number of partitions of the input topic (the detecting tasks wait for all of them)
     * @param classifier      how releases map to categories and groups
     * @param metrics         where the topology's metrics go
     */
    public static Topology build(
            AppConfig config, int inputPartitions, ReleaseClassifier classifier, TopologyMetrics metrics) {
        int detect = config.topics().detectPartitions();
        return build(config, inputPartitions, detect > 0 ? detect : config.streamThreads(), classifier, metrics);
    }

    /**
     * Builds the topology.
     *
     * @param config           topics, windows, validation and watermark settings
     * @param inputPartitions  number of partitions of the input topic (the detecting tasks wait for all of them)
     * @param detectPartitions number of partitions (and detecting tasks) detection is spread over
     * @param classifier       how releases map to categories and groups
     * @param metrics          where the topology's metrics go
     */
    public static Topology build(
            AppConfig config,
            int inputPartitions,
            int detectPartitions,
            ReleaseClassifier classifier,
            TopologyMetrics metrics) {
        DetectShards shards = new DetectShards(detectPartitions);
        DetectorSettings detectorSettings = DetectorSettings.fromProperties(config.detectorProperties());
        StreamsBuilder builder = new StreamsBuilder();
        // chunks of remembered releases (SeenMemory): the cache keeps a chunk's last value per commit
        builder.addStateStore(
                Stores.keyValueStoreBuilder(SeenStoreSupplier.inMemory(SEEN_STORE), Serdes.Bytes(), Serdes.ByteArray())
                        .withCachingEnabled()
                        .withLoggingEnabled(Map.of()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(PROGRESS_STORE), Serdes.String(), Serdes.Long())
                .withLoggingEnabled(Map.of()));
        // written for every record but read only on a restart: the cache keeps one write per key per commit
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(EVENT_TIME_STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled()
                .withLoggingEnabled(Map.of()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(PENDING_STORE), Serdes.String(), AvroSerde.of(ClosedWindow.class))
                .withLoggingEnabled(Map.of()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(DETECTOR_PROGRESS_STORE), Serdes.String(), Serdes.Long())
                .withLoggingEnabled(Map.of()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(DETECTOR_STATE_STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled()
                .withLoggingEnabled(Map.of()));

        AvroSerde<WindowBatch> batchSerde = AvroSerde.of(WindowBatch.class);
        KStream<byte[], SpecificRecord> counted = builder.stream(
                        config.topics().input(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("input"))
                .process(
                        () -> new CountingProcessor(config, classifier, metrics),
                        Named.as("count"),
                        SEEN_STORE,
                        PROGRESS_STORE,
                        EVENT_TIME_STORE);

        counted.split(Named.as("counted-"))
                .branch(
                        (k, v) -> v instanceof DeadLetter,
                        Branched.withConsumer(
                                s -> s.mapValues(v -> (DeadLetter) v, Named.as("as-dead-letter"))
                                        .to(
                                                config.topics().deadLetters(),
                                                Produced.with(Serdes.ByteArray(), AvroSerde.of(DeadLetter.class))
                                                        .withName("dead-letters")),
                                "dead-letters"))
                .defaultBranch(Branched.withConsumer(
                        s -> detect(builder, s, config, inputPartitions, shards, detectorSettings, metrics, batchSerde),
                        "batches"));
        HistoryTopology.add(builder, config);
        return builder.build();
    }

    private static void detect(
            StreamsBuilder builder,
            KStream<byte[], SpecificRecord> batches,
            AppConfig config,
            int inputPartitions,
            DetectShards shards,
            DetectorSettings detectorSettings,
            TopologyMetrics metrics,
            AvroSerde<WindowBatch> batchSerde) {
        ValueFormat format = ValueFormat.of(config.serde());
        KStream<byte[], SpecificRecord> windowBatches = batches.flatMap(
                        (k, v) -> shards.split((WindowBatch) v), Named.as("split-batch"))
                .repartition(Repartitioned.with(Serdes.ByteArray(), batchSerde)
                        .withName(WINDOW_BATCHES)
                        .withNumberOfPartitions(shards.partitions())
                        .withStreamPartitioner(new DetectPartitioner()))
                .mapValues(v -> (SpecificRecord) v, Named.as("batch-as-detector-input"));
        KStream<byte[], SpecificRecord> routedDecisions = decisions(builder, config, metrics)
                .mapValues(v -> (OperatorDecision) v, Named.as("as-decision"))
                .repartition(Repartitioned.with(Serdes.ByteArray(), AvroSerde.of(OperatorDecision.class))
                        .withName(DECISIONS_ROUTED)
                        .withNumberOfPartitions(shards.partitions())
                        .withStreamPartitioner(new DecisionPartitioner()))
                .mapValues(v -> (SpecificRecord) v, Named.as("decision-as-detector-input"));
        KStream<String, SpecificRecord> detected = windowBatches
                .merge(routedDecisions, Named.as("detector-input"))
                .process(
                        () -> new DetectingProcessor(inputPartitions, config.zone(), detectorSettings, metrics),
                        Named.as("detect"),
                        PENDING_STORE,
                        DETECTOR_PROGRESS_STORE,
                        DETECTOR_STATE_STORE);
        detected.split(Named.as("detected-"))
                .branch(
                        (k, v) -> v instanceof Alert,
                        Branched.withConsumer(
                                s -> s.mapValues(v -> (Alert) v, Named.as("as-alert"))
                                        .to(
                                                config.topics().alerts(),
                                                Produced.with(Serdes.String(), format.serde(Alert.class))
                                                        .withName("alerts")),
                                "alerts"))
                .defaultBranch(Branched.withConsumer(
                        s -> s.mapValues(v -> (WindowCount) v, Named.as("as-count"))
                                .to(
                                        config.topics().counts(),
                                        Produced.with(Serdes.String(), format.serde(WindowCount.class))
                                                .withName("counts")),
                        "counts"));
    }

    /** The valid decisions of the decisions topic; the rest goes to the dead letters topic. */
    private static KStream<byte[], SpecificRecord> decisions(
            StreamsBuilder builder, AppConfig config, TopologyMetrics metrics) {
        Map<String, KStream<byte[], SpecificRecord>> read = builder.stream(
                        config.topics().decisions(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("decisions"))
                .process(() -> new DecisionReader(metrics), Named.as("read-decision"))
                .split(Named.as("decision-"))
                .branch(
                        (k, v) -> v instanceof DeadLetter,
                        Branched.withConsumer(
                                s -> s.mapValues(v -> (DeadLetter) v, Named.as("decision-as-dead-letter"))
                                        .to(
                                                config.topics().deadLetters(),
                                                Produced.with(Serdes.ByteArray(), AvroSerde.of(DeadLetter.class))
                                                        .withName("decision-dead-letters")),
                                "invalid"))
                .defaultBranch(Branched.as("valid"));
        return read.get("decision-valid");
    }
}
