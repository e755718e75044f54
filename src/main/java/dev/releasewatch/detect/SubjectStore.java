package dev.releasewatch.detect;

import java.util.List;
import java.util.Map;

/**
 * Durable key-value storage the detection engine keeps its per-subject state in.
 *
 * <p>The engine serialises its own state to bytes, so it stays free of Kafka types: in the stream the
 * topology backs this with a changelogged Kafka Streams state store (exactly-once, restored after a
 * crash); in tests, benchmarks and the offline evaluator a plain map does.
 *
 * <p>Keys are compared as their UTF-8 bytes (the order of the Kafka store); the engine only relies on that order for
 * keys made of ASCII digits after a fixed prefix (its due-time indexes), so a {@link String} order serves too.
 */
public interface SubjectStore {

    /** Returns the bytes stored under {@code key}, or {@code null} when there are none. */
    byte[] get(String key);

    /** Stores {@code value} under {@code key}, replacing what was there. */
    void put(String key, byte[] value);

    /** Removes {@code key}; a missing key is not an error. */
    void delete(String key);

    /**
     * The entries whose key starts with {@code prefix}, in key order, read into a list (so the caller may write to the
     * store while it goes through them).
     */
    List<Map.Entry<String, byte[]>> prefixScan(String prefix);

    /** The entries with {@code from <= key <= to}, in key order, read into a list. */
    List<Map.Entry<String, byte[]>> range(String from, String to);
}
