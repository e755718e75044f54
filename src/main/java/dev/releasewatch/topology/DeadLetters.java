package dev.releasewatch.topology;

import java.nio.ByteBuffer;
import java.time.Instant;

import dev.releasewatch.avro.DeadLetter;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Builds the {@link DeadLetter} for a record a processor cannot use: its original bytes, where it came from, and why.
 */
final class DeadLetters {

    private DeadLetters() {}

    /**
     * @param source the producer that sent the record, when it could be read; null otherwise
     * @return the dead letter, keyed and timestamped like the original record
     */
    static Record<byte[], DeadLetter> of(
            ProcessorContext<?, ?> context, Record<byte[], byte[]> record, Rejection rejection, String source) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        DeadLetter letter = DeadLetter.newBuilder()
                .setReasonCode(rejection.code())
                .setReason(rejection.reason())
                .setTopic(meta == null ? "" : meta.topic())
                .setPartition(meta == null ? context.taskId().partition() : meta.partition())
                .setOffset(meta == null ? -1 : meta.offset())
                .setTimestamp(Instant.ofEpochMilli(record.timestamp()))
                .setSource(source)
                .setKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
                .setValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
                .setFailedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
                .build();
        return new Record<>(record.key(), letter, record.timestamp());
    }

    /** The dead letter of a record that was held back and read from the event-time store, not from the input. */
    static Record<byte[], DeadLetter> of(
            ProcessorContext<?, ?> context, HeldRecord held, Rejection rejection, String source) {
        DeadLetter letter = DeadLetter.newBuilder()
                .setReasonCode(rejection.code())
                .setReason(rejection.reason())
                .setTopic(held.topic())
                .setPartition(held.partition())
                .setOffset(held.offset())
                .setTimestamp(Instant.ofEpochMilli(held.timestamp()))
                .setSource(source)
                .setKey(held.key() == null ? null : ByteBuffer.wrap(held.key()))
                .setValue(ByteBuffer.wrap(held.value()))
                .setFailedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
                .build();
        return new Record<>(held.key(), letter, held.timestamp());
    }
}
