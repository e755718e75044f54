package dev.releasewatch.topology;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-source clock skew as one counting task sees it: the median of a source's last stamps minus the partition's
 * event-time front when they arrived (or minus their arrival, in a live run where a stamp was not believed).
 * Positive: the source's stamps run ahead of everyone else's. A median of the last {@link #WINDOW} records, so a
 * fraction of wrong stamps shows as a skew only once it is most of a source's records. Only for the metric: it
 * decides nothing, so it is not changelogged.
 */
final class SourceSkew {

    static final int WINDOW = 15;

    private final Map<String, long[]> recent = new HashMap<>();
    private final Map<String, long[]> counts = new HashMap<>();

    /** Adds one skew sample (milliseconds) for {@code label}; returns the new median. */
    long observe(String label, long skewMillis) {
        long[] ring = recent.computeIfAbsent(label, l -> new long[WINDOW]);
        long[] n = counts.computeIfAbsent(label, l -> new long[1]);
        ring[(int) (n[0]++ % WINDOW)] = skewMillis;
        int size = (int) Math.min(n[0], WINDOW);
        long[] copy = Arrays.copyOf(ring, size);
        Arrays.sort(copy);
        return copy[size / 2];
    }
}
