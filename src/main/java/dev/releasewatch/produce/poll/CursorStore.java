package dev.releasewatch.produce.poll;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import dev.releasewatch.config.ClientProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads pollers' cursors from their compacted topic (key = poller id, value = {@link PollCursor} JSON). Writing is
 * the poller's job, inside its release transaction.
 *
 * <p>The topic has one partition (a handful of pollers write one small record a minute) and is compacted, so it
 * keeps the latest cursor of every poller forever. It is read {@code read_committed}: a cursor from a transaction
 * that was aborted, or is still open in a crashed instance, is never believed.
 */
public final class CursorStore {

    private static final Logger LOGGER = LoggerFactory.getLogger(CursorStore.class);

    private CursorStore() {}

    /** Creates the compacted cursor topic if it is missing. */
    public static void ensureTopic(ClientProperties clients, String topic, short replicationFactor) {
        try (Admin admin = Admin.create(clients.admin())) {
            if (admin.listTopics().names().get().contains(topic)) {
                return;
            }
            Optional<Short> rf = replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor);
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), rf)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all()
                    .get();
            LOGGER.info("Created cursor topic {}", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(
                        "cannot create cursor topic " + topic + ": "
                                + e.getCause().getMessage(),
                        e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + topic, e);
        }
    }

    /**
     * The latest committed cursor of {@code pollerId}.
     *
     * @throws IllegalStateException when the topic cannot be read to its end within {@code timeout}, or the latest
     *                               cursor is unreadable (starting from nothing would republish the whole API page)
     */
    public static PollCursor read(ClientProperties clients, String topic, String pollerId, Duration timeout) {
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(clients.consumer("release-watch-poller-cursor-" + pollerId))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            byte[] latest = null;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "cannot read cursor topic " + topic + " to its end within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (pollerId.equals(r.key())) {
                        latest = r.value();
                    }
                }
            }
            if (latest == null) {
                return PollCursor.empty();
            }
            try {
                return PollCursor.fromJson(latest);
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(
                        "cursor of poller " + pollerId + " in " + topic + " is unreadable: " + e.getMessage(), e);
            }
        }
    }
}
