package dev.releasewatch.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the monitor's topics when they are missing and checks the ones that exist.
 *
 * <p>Created topics use {@code LogAppendTime} (see {@link TopicSettings} for why). An existing input topic
 * that uses {@code CreateTime} with time-based retention is reported at start-up, because replaying old
 * events into it loses them.
 */
public final class TopicAdmin implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(TopicAdmin.class);

    /**
     * Largest input record the monitor accepts on topics it creates: larger than Kafka's 1 MB default so
     * that an oversized announcement reaches the topology and is dead-lettered with a reason, instead of
     * failing in a producer far away. The dead-letter topic allows twice as much for the envelope.
     */
    public static final int MAX_INPUT_RECORD_BYTES = 4 * 1024 * 1024;

    private final Admin admin;
    private final TopicSettings topics;

    /** Opens an admin client with the given client properties. */
    public TopicAdmin(ClientProperties clients, TopicSettings topics) {
        this.admin = Admin.create(clients.admin());
        this.topics = topics;
    }

    /**
     * Creates every missing topic and returns the number of input partitions actually in use. The input
     * and dead-letter topics get the configured partitions (their volume scales with the feed); alerts,
     * counts and decisions get one: the first two are written by the single detecting task, so one
     * partition keeps them in event-time order for every reader, and decisions are read by that task.
     */
    public int ensureTopics() {
        Map<String, String> configs = Map.of(
                TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime",
                TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retentionMillis()));
        List<NewTopic> wanted = new ArrayList<>();
        Map<String, String> inputConfigs = new java.util.HashMap<>(configs);
        inputConfigs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(MAX_INPUT_RECORD_BYTES));
        wanted.add(topic(topics.input(), topics.partitions(), inputConfigs));
        wanted.add(topic(topics.counts(), 1, configs));
        wanted.add(topic(topics.alerts(), 1, configs));
        Map<String, String> deadLetterConfigs = new java.util.HashMap<>(configs);
        deadLetterConfigs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(2 * MAX_INPUT_RECORD_BYTES));
        wanted.add(topic(topics.deadLetters(), topics.partitions(), deadLetterConfigs));
        wanted.add(topic(topics.decisions(), 1, Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime",
                TopicConfig.RETENTION_MS_CONFIG, "-1")));
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get();
                    LOGGER.info("Created topics {}", missing.stream().map(NewTopic::name).toList());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            awaitMetadata();
            warnOnRetentionTrap();
            return inputPartitions();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create or describe topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Waits (up to 30 s) until the input topic can be described and every partition has a leader: a topic
     * that was just created is not known to every part of the broker at once, and using it too early fails
     * with UnknownTopicOrPartition or NotLeaderOrFollower.
     */
    private void awaitMetadata() throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                TopicDescription d = admin.describeTopics(List.of(topics.input())).allTopicNames().get().get(topics.input());
                if (d.partitions().stream().anyMatch(p -> p.leader() == null)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("input topic " + topics.input() + " has partitions without a leader");
                    }
                    Thread.sleep(100);
                    continue;
                }
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topics.input());
                admin.describeConfigs(List.of(resource)).all().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Number of partitions of the input topic. */
    public int inputPartitions() throws InterruptedException, ExecutionException {
        TopicDescription d = admin.describeTopics(List.of(topics.input())).allTopicNames().get().get(topics.input());
        return d.partitions().size();
    }

    private void warnOnRetentionTrap() throws InterruptedException, ExecutionException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topics.input());
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        String type = Optional.ofNullable(config.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG)).map(e -> e.value()).orElse("CreateTime");
        String retention = Optional.ofNullable(config.get(TopicConfig.RETENTION_MS_CONFIG)).map(e -> e.value()).orElse("-1");
        if ("CreateTime".equals(type) && !"-1".equals(retention)) {
            LOGGER.warn("Input topic {} uses CreateTime with retention.ms={}: replayed events older than that are deleted by the broker "
                    + "minutes after they are produced. Set message.timestamp.type=LogAppendTime or retention.ms=-1 on it.", topics.input(), retention);
        }
    }

    private NewTopic topic(String name, int partitions, Map<String, String> configs) {
        Optional<Short> rf = topics.replicationFactor() < 0 ? Optional.empty() : Optional.of(topics.replicationFactor());
        return new NewTopic(name, Optional.of(partitions), rf).configs(configs);
    }

    private long retentionMillis() {
        return topics.retention().isZero() ? -1 : topics.retention().toMillis();
    }

    @Override
    public void close() {
        admin.close();
    }
}
