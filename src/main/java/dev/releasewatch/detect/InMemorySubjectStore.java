package dev.releasewatch.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link SubjectStore} in a plain sorted map: for tests, benchmarks and offline evaluation, where nothing must
 * survive a crash.
 */
public final class InMemorySubjectStore implements SubjectStore {

    private final TreeMap<String, byte[]> entries = new TreeMap<>();

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

    @Override
    public List<Map.Entry<String, byte[]>> prefixScan(String prefix) {
        List<Map.Entry<String, byte[]>> out = new ArrayList<>();
        for (var e : entries.tailMap(prefix, true).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            out.add(Map.entry(e.getKey(), e.getValue()));
        }
        return out;
    }

    @Override
    public List<Map.Entry<String, byte[]>> range(String from, String to) {
        List<Map.Entry<String, byte[]>> out = new ArrayList<>();
        if (from.compareTo(to) <= 0) {
            entries.subMap(from, true, to, true).forEach((k, v) -> out.add(Map.entry(k, v)));
        }
        return out;
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

    /** Bytes of the largest value held, for the benchmarks' bound on a single record. */
    public int largestValue() {
        int max = 0;
        for (byte[] v : entries.values()) {
            max = Math.max(max, v.length);
        }
        return max;
    }

    /** An independent copy of this store (values are shared, but the engine never mutates a stored array). */
    public InMemorySubjectStore copy() {
        InMemorySubjectStore c = new InMemorySubjectStore();
        c.entries.putAll(entries);
        return c;
    }
}
