package dev.releasewatch.topology;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.releasewatch.avro.OperatorDecision;
import dev.releasewatch.avro.Scope;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Sends an operator decision to the detect partitions whose state it changes: a group's to the partition that owns the
 * group; any other (the feed, a category) to every partition, since each keeps the feed-wide state (see
 * {@link DetectShards}) and must rebase it the same way; only the owner publishes the alert it resolves. One record
 * to several partitions is Kafka Streams' multicast (KIP-837).
 */
final class DecisionPartitioner implements StreamPartitioner<byte[], OperatorDecision> {

    /**
     * The four-argument method is marked for removal in Kafka 4.4 but is still the interface's only abstract method
     * (the variant with headers delegates to it), so it is the one to implement until Kafka removes it.
     */
    @Override
    @SuppressWarnings("removal")
    public Optional<Set<Integer>> partitions(String topic, byte[] key, OperatorDecision value, int numPartitions) {
        if (value.getScope() == Scope.GROUP) {
            return Optional.of(Set.of(DetectShards.partitionOf(value.getSubject(), numPartitions)));
        }
        return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
    }
}
