package dev.releasewatch.it;

import dev.releasewatch.kafka.EmbeddedKafkaBroker;

/**
 * The real broker of the integration tests: by default Kafka's own KRaft server in this JVM; with
 * {@code -Dkafka.broker=container}, a broker in a container through Testcontainers ({@link LocalKafkaContainer}:
 * needs a Docker engine; the image {@code -Dkafka.image}, default {@code release-watch-kafka:4.4.0}, is built
 * locally from Kafka's jars first). The same test code runs on both; {@code -Pdocker} runs these tests that way.
 */
final class TestBroker implements AutoCloseable {

    private final EmbeddedKafkaBroker embedded;
    private final LocalKafkaContainer container;

    private TestBroker(EmbeddedKafkaBroker embedded, LocalKafkaContainer container) {
        this.embedded = embedded;
        this.container = container;
    }

    static TestBroker start() {
        String kind = System.getProperty("kafka.broker", "embedded");
        if (kind.equals("container")) {
            String image = System.getProperty("kafka.image", "release-watch-kafka:4.4.0");
            LocalKafkaContainer.build(image);
            LocalKafkaContainer c = new LocalKafkaContainer(image);
            c.start();
            return new TestBroker(null, c);
        }
        if (!kind.equals("embedded")) {
            throw new IllegalArgumentException("kafka.broker must be embedded or container, got " + kind);
        }
        return new TestBroker(EmbeddedKafkaBroker.start(), null);
    }

    String bootstrapServers() {
        return embedded != null ? embedded.bootstrapServers() : container.bootstrapServers();
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
