package dev.releasewatch.contract;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro type in Avro's single-object encoding (a 2-byte marker, the 8-byte
 * schema fingerprint, then the binary datum), so any consumer holding the {@code .avsc} files can decode
 * the topics without a schema registry, and a record of the wrong type is rejected by its fingerprint.
 *
 * <p>The fingerprint is the record's version: records written with an earlier version of the schema (kept in
 * {@link PreviousSchemas}) are resolved to the current one, new fields taking their defaults, so topics, changelogs
 * and repartition topics written before an upgrade still decode after it.
 *
 * @param <T> the generated record type
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private AvroSerde(Schema schema) {
        SpecificData model = SpecificData.getForSchema(schema);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema, PreviousSchemas.store(schema.getFullName()));
    }

    /** A serde for the generated class {@code type}. */
    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(SpecificData.get().getSchema(type));
    }

    /** Encodes one record; never returns null for a non-null record. */
    public byte[] encode(T record) {
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new SerializationException(
                    "cannot encode " + record.getSchema().getName(), e);
        }
    }

    /**
     * Decodes one record.
     *
     * @throws IOException or an Avro runtime exception when the bytes are not such a record
     */
    public T decode(byte[] bytes) throws IOException {
        return decoder.decode(bytes);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, data) -> data == null ? null : encode(data);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                return decode(data);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException(
                        "cannot decode a record from topic " + topic + ": " + e.getMessage(), e);
            }
        };
    }
}
