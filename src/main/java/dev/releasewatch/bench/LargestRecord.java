package dev.releasewatch.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import dev.releasewatch.config.ClientProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The largest record (key plus value bytes) on any topic of the cluster, internal topics (changelogs, repartition
 * topics) included: the figure that shows no message grows with the number of groups or subjects, and how far it
 * stays from the broker's 1 MiB default limit, beyond which an exactly-once task dies.
 *
 * @param topic where it was found; empty when the cluster holds no record
 * @param bytes its key plus value size
 */
public record LargestRecord(String topic, int bytes) {

    /** Reads every topic of the cluster from the beginning to its current end. */
    public static LargestRecord scan(ClientProperties clients) throws InterruptedException, ExecutionException {
        Set<String> topics;
        try (Admin admin = Admin.create(clients.admin())) {
            topics = admin.listTopics().names().get();
        }
        Properties cp = clients.consumer("release-watch-bench-largest");
        cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        LargestRecord largest = new LargestRecord("", 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(cp)) {
            for (String topic : topics) {
                List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
                consumer.assign(parts);
                consumer.seekToBeginning(parts);
                Map<TopicPartition, Long> ends = consumer.endOffsets(parts);
                // bounded: a partition whose position cannot reach its end (e.g. a transaction left open by a
                // crashed producer holds read_committed back) must not hang the benchmark
                long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
                while (System.nanoTime() < deadline
                        && parts.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        int size = Math.max(0, r.serializedKeySize()) + Math.max(0, r.serializedValueSize());
                        if (size > largest.bytes()) {
                            largest = new LargestRecord(topic, size);
                        }
                    }
                }
            }
        }
        return largest;
    }
}
