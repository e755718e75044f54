package dev.releasewatch.produce;

import java.util.Properties;
import java.util.concurrent.ExecutionException;

import dev.releasewatch.avro.OperatorDecision;
import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.contract.AvroSerde;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes operator decisions to the decisions topic (key: the subject; value: {@link OperatorDecision}
 * in Avro single-object encoding) with an idempotent producer, one decision at a time, and returns only
 * once the broker has acknowledged it: the CLI and {@code POST /decisions} then tell the operator that the
 * decision is recorded. The producer is thread-safe, so one publisher serves every HTTP request.
 *
 * <p>Decisions are made with {@link dev.releasewatch.contract.Decisions}, which validates them with the
 * topology's own rules, so an operator's typo is answered at once instead of ending up in the dead-letter topic.
 */
public final class DecisionPublisher implements AutoCloseable {

    /** How long a send may take, including retries, before the operator is told it failed. */
    private static final String DELIVERY_TIMEOUT_MS = "30000";

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final AvroSerde<OperatorDecision> serde = AvroSerde.of(OperatorDecision.class);

    /** A publisher to {@code topic}. */
    public DecisionPublisher(ClientProperties clients, String topic, String clientId) {
        Properties props = clients.producer(clientId);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        this.producer = new KafkaProducer<>(props);
        this.topic = topic;
    }

    /**
     * Publishes one decision and waits until the broker has acknowledged it.
     *
     * @throws ExecutionException when the broker did not acknowledge it within the delivery timeout (30 s
     *                            unless {@code kafka.delivery.timeout.ms} says otherwise)
     */
    public void publish(OperatorDecision decision) throws ExecutionException, InterruptedException {
        producer.send(new ProducerRecord<>(topic, decision.getSubject(), serde.encode(decision)))
                .get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
