package dev.releasewatch.topology;

import java.util.Optional;
import java.util.Set;

import dev.releasewatch.avro.WindowBatch;
import org.apache.kafka.streams.processor.StreamPartitioner;

/** Sends each record of a split {@link WindowBatch} to the detect partition its key names ({@link DetectShards}). */
final class DetectPartitioner implements StreamPartitioner<byte[], WindowBatch> {

    /**
     * The four-argument method is marked for removal in Kafka 4.4 but is still the interface's only abstract method
     * (the variant with headers delegates to it), so it is the one to implement until Kafka removes it.
     */
    @Override
    @SuppressWarnings("removal")
    public Optional<Set<Integer>> partitions(String topic, byte[] key, WindowBatch value, int numPartitions) {
        int partition = DetectShards.partitionOfKey(key);
        if (partition >= numPartitions) {
            throw new IllegalStateException("a window batch for detect partition " + partition + " but " + topic
                    + " has " + numPartitions + " partitions");
        }
        return Optional.of(Set.of(partition));
    }
}
