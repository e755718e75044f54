package dev.releasewatch.config;

import java.time.Duration;

/**
 * Names of the monitor's topics and how it creates them when they are missing.
 *
 * <p>Every topic the monitor creates uses {@code message.timestamp.type=LogAppendTime}, so time-based
 * retention counts from when the broker received a record, not from the event time in it: a replay of
 * 2020 history is therefore not deleted minutes after it is produced (a default 7-day {@code retention.ms}
 * on CreateTime deletes it at the next retention check, and Kafka Streams then stalls without an error).
 * The event time travels inside the Avro value.
 *
 * @param input          release announcements (key: lower-cased release name)
 * @param counts         final window counts
 * @param alerts         alert state changes
 * @param deadLetters    records that could not be counted, with the reason and original bytes
 * @param decisions      operator decisions (accept a new normal)
 * @param partitions     partitions of the input topic when the monitor creates it
 * @param detectPartitions partitions detection is spread over (one detecting task each); 0 takes, for an application
 *     that already has detector state, the partition count of that state, else {@code stream.threads}
 * @param replicationFactor replication factor of created topics; -1 takes the broker's default
 * @param retention      retention of created topics (from append time); zero or negative keeps forever
 */
public record TopicSettings(
        String input,
        String counts,
        String alerts,
        String deadLetters,
        String decisions,
        int partitions,
        int detectPartitions,
        short replicationFactor,
        Duration retention) {
    /**
     * Largest input record the monitor accepts on topics it creates: larger than Kafka's 1 MB default so
     * that an announcement with an absurd field (say a 1 MB name) reaches the topology and is dead-lettered
     * with a reason, instead of failing in a producer far away. Anything larger is refused by the producers
     * themselves (same limit: {@code max.request.size}), which report it (e.g. ingest's rejections). The
     * dead-letter topic allows twice as much for the envelope.
     */
    public static final int MAX_INPUT_RECORD_BYTES = 4 * 1024 * 1024;
}
