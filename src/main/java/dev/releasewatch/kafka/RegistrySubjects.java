package dev.releasewatch.kafka;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.avro.WindowCount;
import dev.releasewatch.config.SerdeSettings;
import dev.releasewatch.config.TopicSettings;
import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.client.RegistryClientFactory;
import io.apicurio.registry.rest.v2.beans.IfExists;
import io.apicurio.registry.rest.v2.beans.Rule;
import io.apicurio.registry.types.ArtifactType;
import io.apicurio.registry.types.RuleType;
import org.apache.avro.Schema;

/**
 * Registers, at start-up in registry mode, the subjects of the input, alerts and counts topics ({@code <topic>-value},
 * the topic-name strategy) with BACKWARD compatibility: a new schema version must read what the previous one wrote,
 * so consumers may upgrade before producers.
 *
 * <p>The monitor writes the alerts and counts topics, so their subjects get the monitor's schema as a new version
 * when it changed; a change that breaks BACKWARD compatibility fails start-up here, naming the subject, instead of
 * failing the first write. The input topic's producers own its schema: its subject gets the monitor's schema only if
 * it has none yet.
 */
public final class RegistrySubjects {

    /** The registry group of subjects that Confluent-compatible clients see (Apicurio's default group). */
    static final String GROUP = "default";

    /** The compatibility level set on each subject. */
    public static final String COMPATIBILITY = "BACKWARD";

    private RegistrySubjects() {}

    /** The subject of a topic's values. */
    public static String subject(String topic) {
        return topic + "-value";
    }

    /**
     * Makes sure the three subjects exist with BACKWARD compatibility.
     *
     * @throws IllegalStateException naming the subject, when the registry refuses or cannot be reached
     */
    public static void ensure(SerdeSettings settings, TopicSettings topics) {
        try (RegistryClient client =
                RegistryClientFactory.create(settings.registryUrl(), RegistryAvroSerde.clientConfig(settings))) {
            ensure(client, subject(topics.input()), ReleaseAnnouncement.getClassSchema(), IfExists.RETURN);
            ensure(client, subject(topics.alerts()), Alert.getClassSchema(), IfExists.RETURN_OR_UPDATE);
            ensure(client, subject(topics.counts()), WindowCount.getClassSchema(), IfExists.RETURN_OR_UPDATE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot close the schema registry client: " + e.getMessage(), e);
        }
    }

    private static void ensure(RegistryClient client, String subject, Schema schema, IfExists ifExists) {
        try {
            client.createArtifact(
                    GROUP,
                    subject,
                    null,
                    ArtifactType.AVRO,
                    ifExists,
                    true,
                    new ByteArrayInputStream(schema.toString().getBytes(StandardCharsets.UTF_8)));
            if (!client.listArtifactRules(GROUP, subject).contains(RuleType.COMPATIBILITY)) {
                Rule rule = new Rule();
                rule.setType(RuleType.COMPATIBILITY);
                rule.setConfig(COMPATIBILITY);
                client.createArtifactRule(GROUP, subject, rule);
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "schema registry: cannot register " + schema.getFullName() + " under subject " + subject + " with "
                            + COMPATIBILITY + " compatibility: " + e,
                    e);
        }
    }
}
