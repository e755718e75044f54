package dev.releasewatch.detect;

import java.util.HashMap;
import java.util.Map;

/**
 * A {@link SubjectStore} in a plain map: for tests, benchmarks and offline evaluation, where nothing must survive a
 * crash.
 */
public final class InMemorySubjectStore implements SubjectStore {

    private final Map<String, byte[]> entries = new HashMap<>();

    @Override
    public byte[] get(String key) {
        return entries.get(key);
    }

    @Override
    public void put(String key, byte[] value) {
        entries.put(key, value);
    }

    @Override
    public void delete(String key) {
        entries.remove(key);
    }

    /** Number of keys held, for memory accounting in benchmarks. */
    public int size() {
        return entries.size();
    }

    /** Bytes of all values held, for memory accounting in benchmarks. */
    public long totalBytes() {
        long sum = 0;
        for (byte[] v : entries.values()) {
            sum += v.length;
        }
        return sum;
    }

    /** An independent copy of this store (values are shared, but the engine never mutates a stored array). */
    public InMemorySubjectStore copy() {
        InMemorySubjectStore c = new InMemorySubjectStore();
        c.entries.putAll(entries);
        return c;
    }
}
