package dev.releasewatch.kafka;

import dev.releasewatch.config.SerdeFormat;
import dev.releasewatch.config.SerdeSettings;
import dev.releasewatch.contract.AvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * The framing of the topics that other tools read and write: the input, alerts and counts topics
 * ({@code serde.format}). The monitor's internal topics, stores and changelogs always use Avro single-object encoding:
 * nobody else reads them, and they must decode without a registry.
 */
public final class ValueFormat {

    private final SerdeSettings settings;

    private ValueFormat(SerdeSettings settings) {
        this.settings = settings;
    }

    /** The format of {@code settings}. */
    public static ValueFormat of(SerdeSettings settings) {
        return new ValueFormat(settings);
    }

    /** Whether records carry a schema-registry id rather than the schema's fingerprint. */
    public boolean registry() {
        return settings.format() == SerdeFormat.REGISTRY;
    }

    /** The settings this format was made from. */
    public SerdeSettings settings() {
        return settings;
    }

    /** A value serde for {@code type} in this format. */
    public <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
        return registry() ? new RegistryAvroSerde<>(settings) : AvroSerde.of(type);
    }

    /** A decoder of {@code type} records in this format (registry mode also takes single-object records). */
    public <T extends SpecificRecord> ValueDecoder<T> decoder(Class<T> type) {
        return new ValueDecoder<>(type, registry() ? new RegistryAvroSerde<T>(settings) : null);
    }
}
