package dev.releasewatch.config;

import java.util.Map;

/**
 * How the topics standard tools read are framed ({@code serde.format}) and, in registry mode, where the schema
 * registry is.
 *
 * @param format      single-object (no registry) or the registry wire format
 * @param registryUrl the registry's base URL (an Apicurio Registry's {@code /apis/registry/v2}); empty when unused
 * @param registryProperties the {@code schema.registry.*} keys other than the URL, without that prefix, passed
 *                    to the registry serde and client as they are (e.g. {@code apicurio.auth.username})
 */
public record SerdeSettings(SerdeFormat format, String registryUrl, Map<String, String> registryProperties) {

    /** Avro single-object encoding everywhere, no registry. */
    public static final SerdeSettings SINGLE_OBJECT = new SerdeSettings(SerdeFormat.SINGLE_OBJECT, "", Map.of());

    /** Copies the properties. */
    public SerdeSettings {
        registryProperties = Map.copyOf(registryProperties);
    }

    /** Registry mode with the given registry and no further client properties. */
    public static SerdeSettings registry(String url) {
        return new SerdeSettings(SerdeFormat.REGISTRY, url, Map.of());
    }
}
