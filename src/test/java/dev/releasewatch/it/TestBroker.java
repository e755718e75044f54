package dev.releasewatch.it;

import dev.releasewatch.kafka.EmbeddedKafkaBroker;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The real broker of the integration tests: by default Kafka's own KRaft server in this JVM; with
 * {@code -Dkafka.broker=container}, the {@code apache/kafka} image through Testcontainers (needs a Docker
 * engine and the image, e.g. built locally). The same test code runs on both.
 */
final class TestBroker implements AutoCloseable {

    private final EmbeddedKafkaBroker embedded;
    private final KafkaContainer container;

    private TestBroker(EmbeddedKafkaBroker embedded, KafkaContainer container) {
        this.embedded = embedded;
        this.container = container;
    }

    static TestBroker start() {
        String kind = System.getProperty("kafka.broker", "embedded");
        if (kind.equals("container")) {
            KafkaContainer c = new KafkaContainer(System.getProperty("kafka.image", "apache/kafka:4.1.0"));
            c.start();
            return new TestBroker(null, c);
        }
        if (!kind.equals("embedded")) {
            throw new IllegalArgumentException("kafka.broker must be embedded or container, got " + kind);
        }
        return new TestBroker(EmbeddedKafkaBroker.start(), null);
    }

    String bootstrapServers() {
        return embedded != null ? embedded.bootstrapServers() : container.getBootstrapServers();
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        } else {
            container.close();
        }
    }
}
