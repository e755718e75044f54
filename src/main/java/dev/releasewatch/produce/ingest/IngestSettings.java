package dev.releasewatch.produce.ingest;

import java.time.Duration;

/**
 * How the ingest endpoint runs.
 *
 * <p>{@code maxBodyBytes} bounds a request, not a record, and the two limits are independent: the default body limit
 * (8 MiB) is larger than the largest record Kafka takes (the producer's {@code max.request.size}, 4 MiB unless
 * {@code kafka.max.request.size} says otherwise), so one body can hold a record that is too large. That record is
 * rejected on its own with Kafka's reason and the rest of the body is accepted (see {@link Delivery}); a body limit
 * below the record limit would only hide this by refusing the whole body. The record limit applies to the Avro
 * encoding, which is smaller than the JSON of the same record (no field names), so a record is measured here in
 * JSON and there in Avro: no body-size arithmetic can predict it exactly, which is why Kafka alone decides it.
 *
 * @param port          TCP port; 0 picks a free one
 * @param maxBodyBytes  largest request body accepted; larger bodies get 413 without being read
 * @param ackTimeout    how long a request waits for Kafka to acknowledge its records before answering 503
 * @param threads       requests handled at once; bodies are held in memory, so this times {@code maxBodyBytes}
 *                      bounds the memory the endpoint needs
 * @param defaultSource source id of records whose request has no {@code X-Source} header and no {@code source} field
 */
public record IngestSettings(int port, int maxBodyBytes, Duration ackTimeout, int threads, String defaultSource) {

    /** 8 MiB: a few tens of thousands of announcements, far above what a mirror sends per second. */
    public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

    /** Validates the values. */
    public IngestSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("max body size must be positive, got " + maxBodyBytes);
        }
        if (ackTimeout.isNegative() || ackTimeout.isZero()) {
            throw new IllegalArgumentException("ack timeout must be positive, got " + ackTimeout);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
    }

    /** Port 8080, 8 MiB bodies, 30 s acknowledgement timeout, 4 threads, source {@code http}. */
    public static IngestSettings defaults() {
        return new IngestSettings(8080, DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(30), 4, "http");
    }

    /** A copy on another port. */
    public IngestSettings withPort(int other) {
        return new IngestSettings(other, maxBodyBytes, ackTimeout, threads, defaultSource);
    }

    /** A copy with another body limit. */
    public IngestSettings withMaxBodyBytes(int other) {
        return new IngestSettings(port, other, ackTimeout, threads, defaultSource);
    }

    /** A copy with another acknowledgement timeout. */
    public IngestSettings withAckTimeout(Duration other) {
        return new IngestSettings(port, maxBodyBytes, other, threads, defaultSource);
    }
}
