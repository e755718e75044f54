package dev.releasewatch.topology;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-source clock skew as one counting task sees it: the median of a source's last {@link #WINDOW} stamps minus
 * the partition's event-time front when they arrived (or minus their arrival, in a live run where a stamp was not
 * believed). Positive: the source's stamps run ahead of the feed's. A median, so a fraction of wrong stamps shows
 * only once it is most of a source's recent records. It decides which sources may move the front, so it is
 * changelogged ({@link #ring} / {@link #restore}); at most {@link #MAX_SOURCES} sources are tracked per task (the
 * rest are never excluded).
 */
final class SourceSkew {

    static final int WINDOW = 15;
    static final int MAX_SOURCES = 64;

    /** Per source: the count of samples so far, its last arrival number, then the ring of the last {@link #WINDOW}. */
    private final Map<String, long[]> recent = new HashMap<>();

    private long arrivals;

    /**
     * Adds one skew sample (milliseconds) for {@code source}, the {@code arrival}-th record of the task; returns the
     * new median, or 0 when untracked.
     */
    long observe(String source, long skewMillis, long arrival) {
        arrivals = arrival;
        long[] ring = recent.get(source);
        if (ring == null) {
            if (recent.size() >= MAX_SOURCES) {
                return 0;
            }
            ring = new long[WINDOW + 2];
            recent.put(source, ring);
        }
        ring[1] = arrival;
        ring[2 + (int) (ring[0]++ % WINDOW)] = skewMillis;
        return median(source);
    }

    /**
     * Whether {@code source}'s stamps run more than {@code limit} ahead of the feed while another source, not ahead,
     * has sent a record among the last {@code window} records: then the feed's time is the others' and this source
     * is the outlier. A source alone (or with only sources as far ahead) is never an outlier: a whole feed that
     * jumps forward is followed.
     */
    boolean outlier(String source, long limit, long window) {
        if (median(source) <= limit) {
            return false;
        }
        for (Map.Entry<String, long[]> e : recent.entrySet()) {
            if (!e.getKey().equals(source) && arrivals - e.getValue()[1] <= window && median(e.getKey()) <= limit) {
                return true;
            }
        }
        return false;
    }

    /** The median skew of {@code source}, 0 when unknown. */
    long median(String source) {
        long[] ring = recent.get(source);
        if (ring == null || ring[0] == 0) {
            return 0;
        }
        int size = (int) Math.min(ring[0], WINDOW);
        long[] copy = Arrays.copyOfRange(ring, 2, 2 + size);
        Arrays.sort(copy);
        return copy[size / 2];
    }

    /** The state of {@code source} to store. */
    byte[] ring(String source) {
        long[] ring = recent.get(source);
        if (ring == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate(8 * ring.length);
        for (long v : ring) {
            b.putLong(v);
        }
        return b.array();
    }

    /** Puts a stored state back after a restart. */
    void restore(String source, byte[] bytes, long storedArrivals) {
        arrivals = storedArrivals;
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long[] ring = new long[WINDOW + 2];
        for (int i = 0; i < ring.length; i++) {
            ring[i] = b.getLong();
        }
        recent.put(source, ring);
    }
}
