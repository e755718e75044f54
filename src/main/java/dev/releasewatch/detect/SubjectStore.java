package dev.releasewatch.detect;

/**
 * Durable key-value storage the detection engine keeps its per-subject state in.
 *
 * <p>The engine serialises its own state to bytes, so it stays free of Kafka types: in the stream the
 * topology backs this with a changelogged Kafka Streams state store (exactly-once, restored after a
 * crash); in tests, benchmarks and the offline evaluator a plain map does.
 */
public interface SubjectStore {

    /** Returns the bytes stored under {@code key}, or {@code null} when there are none. */
    byte[] get(String key);

    /** Stores {@code value} under {@code key}, replacing what was there. */
    void put(String key, byte[] value);

    /** Removes {@code key}; a missing key is not an error. */
    void delete(String key);
}
