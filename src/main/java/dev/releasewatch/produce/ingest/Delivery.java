package dev.releasewatch.produce.ingest;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * What Kafka made of one request's records: how many it acknowledged, which it refused for good, and how many it
 * did not acknowledge.
 *
 * <p>The difference between the last two decides the status code. A record Kafka can never take is the sender's
 * problem, like a record without a name: Kafka answers {@link RecordTooLargeException} when its encoded size is over
 * the producer's {@code max.request.size} or {@code buffer.memory} (checked before anything is sent) or over the
 * topic's {@code max.message.bytes} (checked by the broker). Resending it cannot succeed, so it is a rejection with
 * Kafka's own explanation, and the request's other records are still accepted. Everything else (timeouts, an
 * unreachable broker, too few in-sync replicas) may succeed later: the record is unacknowledged and the answer is 503.
 *
 * <p>The size limit is deliberately not repeated here: it is decided where it is configured (the producer's
 * {@code max.request.size}, set from {@code TopicSettings.MAX_INPUT_RECORD_BYTES} by {@code ClientProperties} unless
 * {@code kafka.max.request.size} overrides it, and the topic's {@code max.message.bytes}), so the endpoint can never
 * disagree with the producer about what is too large.
 *
 * <p>Not thread-safe: one request's thread fills it.
 */
final class Delivery {

    private final List<Rejection> refused = new ArrayList<>();
    private long acknowledged;
    private long unacknowledged;
    private String firstError;

    /** One record was acknowledged. */
    void acknowledged() {
        acknowledged++;
    }

    /** The record at body index {@code index} was not acknowledged because of {@code error}. */
    void failed(int index, Throwable error) {
        if (error instanceof RecordTooLargeException) {
            refused.add(new Rejection(index, "too large for Kafka: " + error.getMessage()));
            return;
        }
        unacknowledged++;
        if (firstError == null) {
            firstError = String.valueOf(error);
        }
    }

    /** Records Kafka acknowledged. */
    long acknowledgedCount() {
        return acknowledged;
    }

    /** Records Kafka will never accept, with the reason, in the order they failed. */
    List<Rejection> refused() {
        return List.copyOf(refused);
    }

    /** Records Kafka did not acknowledge but might accept if sent again. */
    long unacknowledgedCount() {
        return unacknowledged;
    }

    /** The first error of an unacknowledged record, or null. */
    String firstError() {
        return firstError;
    }
}
