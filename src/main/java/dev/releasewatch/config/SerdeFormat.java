package dev.releasewatch.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How the records of the input, alerts and counts topics are framed ({@code serde.format}). */
public enum SerdeFormat {
    /** Avro single-object encoding: {@code C3 01}, the schema's 8-byte fingerprint, the binary datum. */
    SINGLE_OBJECT("single-object"),
    /**
     * The schema-registry wire format of Confluent-compatible tools: a zero byte, the schema's 4-byte id in the
     * registry (big-endian), the binary datum.
     */
    REGISTRY("registry");

    private final String key;

    SerdeFormat(String key) {
        this.key = key;
    }

    /** The value as written in the configuration. */
    public String key() {
        return key;
    }

    /** Parses a configuration value, failing with the key and the accepted values. */
    static SerdeFormat parse(String configKey, String value) {
        for (SerdeFormat f : values()) {
            if (f.key.equals(value)) {
                return f;
            }
        }
        throw new ConfigException(
                configKey,
                "must be one of "
                        + Arrays.stream(values()).map(SerdeFormat::key).collect(Collectors.joining(", "))
                        + ", got '" + value + "'");
    }
}
