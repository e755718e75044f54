package dev.releasewatch.kafka;

import java.util.HashMap;
import java.util.Map;

import dev.releasewatch.config.SerdeSettings;
import io.apicurio.registry.serde.Legacy4ByteIdHandler;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.config.IdOption;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A generated Avro type in the schema-registry wire format that Confluent-compatible tools read: a zero byte, the
 * schema's 4-byte id, the binary datum; through Apicurio's serde (its 4-byte id handler, the one
 * {@code apicurio.registry.as-confluent} selects), against an Apicurio Registry.
 *
 * <p>The id is the registry's <em>content id</em>, which is what an Apicurio Registry's Confluent-compatible API
 * ({@code /apis/ccompat/v7}) calls a schema id, so {@code kafka-avro-console-consumer}, ksqlDB or Kafka Connect
 * pointed at that API decode the records. The id is written in the payload, not in record headers, because those
 * tools read only the payload. The subject of a topic is {@code <topic>-value} (the topic-name strategy of both
 * Apicurio and Confluent). The serializer registers its schema (a new version of the subject only when it differs,
 * which the subject's compatibility rule then checks); the deserializer reads the writer's schema by id and resolves
 * it to the generated class's schema, so records written with an older compatible schema still decode.
 *
 * <p>The serializer and deserializer are configured here, once: Kafka Streams does not configure the serdes given
 * to its {@code Produced} and {@code Consumed}.
 *
 * @param <T> the generated record type
 */
public final class RegistryAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final AvroKafkaSerializer<T> serializer = new AvroKafkaSerializer<>();
    private final AvroKafkaDeserializer<T> deserializer = new AvroKafkaDeserializer<>();

    /** A value serde against the registry of {@code settings}. */
    public RegistryAvroSerde(SerdeSettings settings) {
        Map<String, Object> config = clientConfig(settings);
        serializer.configure(config, false);
        deserializer.configure(config, false);
    }

    /**
     * The serde's settings: the Confluent-compatible framing, then the user's {@code schema.registry.*} keys, which
     * may override any of them.
     */
    static Map<String, Object> clientConfig(SerdeSettings settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(SerdeConfig.REGISTRY_URL, settings.registryUrl());
        config.put(SerdeConfig.ID_HANDLER, Legacy4ByteIdHandler.class.getName());
        config.put(SerdeConfig.USE_ID, IdOption.contentId.name());
        config.put(SerdeConfig.ENABLE_HEADERS, false);
        config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, true);
        config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT_IF_EXISTS, "RETURN_OR_UPDATE");
        config.put(AvroKafkaSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        config.putAll(settings.registryProperties());
        return config;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, data) -> data == null ? null : serializer.serialize(topic, data);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> data == null ? null : deserializer.deserialize(topic, data);
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }
}
