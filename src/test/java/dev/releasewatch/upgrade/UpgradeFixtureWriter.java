package dev.releasewatch.upgrade;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.releasewatch.app.MonitorRuntime;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.feed.SectionClassifier;
import dev.releasewatch.kafka.EmbeddedKafkaBroker;
import dev.releasewatch.produce.FeedPublisher;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Writes the upgrade fixtures of this release of the code (see {@link UpgradeFixture} for the layout): runs the real
 * topology on an embedded broker over the first part of {@link UpgradeFeed}, waits until every record of it is
 * processed and committed, stops the monitor cleanly, and dumps every changelog topic (a compacted one as compaction
 * leaves it: the latest record of each key, deleted keys left out), the input's committed offsets, and the counts and
 * alerts topics. The next release's {@code UpgradeRestoreIT} restores from them.
 *
 * <p>Only the input's offsets are kept: it is written without transactions, so the same records published again get
 * the same offsets. The counts and alerts topics were written in transactions, whose markers take offsets that their
 * records written back do not: {@code UpgradeRestoreIT} commits their ends for the dashboard's history tasks (which
 * had read them), as a real upgrade, on the same topics, keeps the offsets.
 *
 * <p>Run once per release that changes a state or wire format, from the commit the fixtures are named after (a
 * fixture is only "the previous release" if that release wrote it):
 * {@code ./mvnw -B -q -o test-compile && java -cp target/test-classes:target/classes:$(cat cp.txt)
 * dev.releasewatch.upgrade.UpgradeFixtureWriter <commit>} (cp.txt from {@code dependency:build-classpath}).
 */
public final class UpgradeFixtureWriter {

    private UpgradeFixtureWriter() {}

    /** Writes {@code src/test/resources/upgrade/<commit>/}; the argument is the commit id of the code running. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: UpgradeFixtureWriter <commit of the code running>");
        }
        String commit = args[0];
        Path dir = Path.of("src/test/resources/upgrade", commit);
        UpgradeFeed feed = new UpgradeFeed();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            String bootstrap = broker.bootstrapServers();
            AppConfig config = UpgradeFeed.config(bootstrap, Files.createTempDirectory("upgrade-writer"))
                    .load();
            AtomicLong hoursFinal = new AtomicLong(Long.MIN_VALUE);
            try (MonitorRuntime runtime =
                    MonitorRuntime.start(config, SectionClassifier.defaults(), List.of(), List.of(c -> {
                        if (c.getGranularity() == Granularity.HOUR) {
                            hoursFinal.accumulateAndGet(c.getWindowEnd().toEpochMilli(), Math::max);
                        }
                    }))) {
                publishFirstPart(runtime.clients(), config, feed);
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (hoursFinal.get() < UpgradeFeed.CUT.toEpochMilli()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the hours before the cut were not final within 5 minutes");
                    }
                    Thread.sleep(200);
                }
                awaitInputCommitted(bootstrap, config, Duration.ofMinutes(2));
            }
            Map<String, List<FixtureRecord>> files = new LinkedHashMap<>();
            Properties properties = new Properties();
            properties.setProperty("commit", commit);
            properties.setProperty("application.id", config.applicationId());
            properties.setProperty("feed.cut", UpgradeFeed.CUT.toString());
            properties.setProperty("feed.before", Integer.toString(feed.before.size()));
            try (Admin admin = Admin.create(new ClientProperties(config).admin())) {
                committedOffsets(admin, config)
                        .forEach((p, o) -> properties.setProperty("input.offset." + p, Long.toString(o)));
                String prefix = config.applicationId() + "-";
                List<String> changelogs = admin.listTopics().names().get().stream()
                        .filter(t -> t.startsWith(prefix) && t.endsWith("-changelog"))
                        .sorted()
                        .toList();
                for (String topic : changelogs) {
                    String store = topic.substring(prefix.length(), topic.length() - "-changelog".length());
                    int partitions = admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get()
                            .get(topic)
                            .partitions()
                            .size();
                    properties.setProperty(
                            UpgradeFixture.changelogKey(store, "partitions"), Integer.toString(partitions));
                    Map<String, String> topicConfig = topicConfig(admin, topic);
                    topicConfig.forEach(
                            (k, v) -> properties.setProperty(UpgradeFixture.changelogKey(store, "config." + k), v));
                    List<FixtureRecord> records = TopicCopy.read(bootstrap, topic);
                    boolean compact =
                            topicConfig.getOrDefault("cleanup.policy", "").contains("compact");
                    files.put(UpgradeFixture.changelogFile(store), compact ? compacted(records) : records);
                }
            }
            files.put(
                    UpgradeFixture.COUNTS,
                    TopicCopy.read(bootstrap, config.topics().counts()));
            files.put(
                    UpgradeFixture.ALERTS,
                    TopicCopy.read(bootstrap, config.topics().alerts()));
            UpgradeFixture.write(dir, properties, files);
            files.forEach((file, records) -> System.out.println(file + ": " + records.size() + " records"));
        }
    }

    /** The first part of the feed and a heartbeat closing every hour before the cut; {@code UpgradeRestoreIT} too. */
    static void publishFirstPart(ClientProperties clients, AppConfig config, UpgradeFeed feed) {
        try (FeedPublisher publisher =
                new FeedPublisher(clients, config.topics().input(), "upgrade-feed")) {
            publisher.sendAll(feed.before.iterator(), null);
            publisher.heartbeat(UpgradeFeed.CUT.plus(UpgradeFeed.GRACE), "upgrade-feed");
            publisher.flush();
            if (publisher.failed() > 0) {
                throw new IllegalStateException(publisher.failed() + " records not delivered", publisher.firstError());
            }
        }
    }

    /**
     * Waits until the application's group has committed the end of the input. The detecting task is done too: it has
     * published the last hour before the cut, and under exactly-once its stores' changelogs are committed with that.
     */
    private static void awaitInputCommitted(String bootstrap, AppConfig config, Duration timeout) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(p)) {
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        new TreeMap<>((a, b) -> Integer.compare(a.partition(), b.partition()));
                admin.listConsumerGroupOffsets(config.applicationId())
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .forEach((tp, o) -> {
                            if (tp.topic().equals(config.topics().input())) {
                                committed.put(tp, o);
                            }
                        });
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResultInfo> ends =
                        admin.listOffsets(latest).all().get();
                boolean done = !committed.isEmpty()
                        && committed.entrySet().stream()
                                .allMatch(e -> e.getValue().offset()
                                        >= ends.get(e.getKey()).offset());
                if (done) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "not committed within " + timeout + ": " + committed + " vs " + ends);
                }
                Thread.sleep(500);
            }
        }
    }

    private static Map<Integer, Long> committedOffsets(Admin admin, AppConfig config) throws Exception {
        Map<Integer, Long> offsets = new TreeMap<>();
        admin.listConsumerGroupOffsets(config.applicationId())
                .partitionsToOffsetAndMetadata()
                .get()
                .forEach((tp, o) -> {
                    if (tp.topic().equals(config.topics().input())) {
                        offsets.put(tp.partition(), o.offset());
                    }
                });
        return offsets;
    }

    /** The topic's configuration set when it was created (not the broker's defaults). */
    private static Map<String, String> topicConfig(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        Map<String, String> set = new TreeMap<>();
        for (ConfigEntry e : config.entries()) {
            if (e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                set.put(e.name(), e.value());
            }
        }
        return set;
    }

    /** What compaction leaves of a changelog: each key's latest record, in offset order; deleted keys left out. */
    private static List<FixtureRecord> compacted(List<FixtureRecord> records) {
        Map<String, FixtureRecord> latest = new LinkedHashMap<>();
        for (FixtureRecord r : records) {
            String key = r.partition() + "/" + Base64.getEncoder().encodeToString(r.key());
            latest.remove(key);
            latest.put(key, r);
        }
        List<FixtureRecord> kept = new ArrayList<>();
        latest.values().stream().filter(r -> r.value() != null).forEach(kept::add);
        return kept;
    }
}
