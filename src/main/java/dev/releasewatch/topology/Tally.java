package dev.releasewatch.topology;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** Counts per name, without boxing on the per-record path. */
final class Tally {

    private final Map<String, long[]> counts = new HashMap<>();

    void increment(String name) {
        long[] c = counts.get(name);
        if (c == null) {
            counts.put(name, new long[] {1});
        } else {
            c[0]++;
        }
    }

    /** Takes one back; a name whose count reaches zero disappears, so it is not reported as a zero. */
    void decrement(String name) {
        long[] c = counts.get(name);
        if (c != null && --c[0] <= 0) {
            counts.remove(name);
        }
    }

    void forEach(BiConsumer<String, Long> action) {
        counts.forEach((k, v) -> action.accept(k, v[0]));
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }
}
