package dev.releasewatch.topology;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-source clock skew as one counting task sees it, measured <b>between sources</b>: when a source re-announces a
 * release another source announced first, the difference of their stamps is one sample for each (the re-announcer
 * {@code +d}, the first announcer {@code -d}). The skew of a source is the median of its last {@link #WINDOW}
 * samples. Positive: its stamps run ahead of its peers'.
 *
 * <p>Why between sources, not against the partition's event time: on a sparse feed (a collapse, a quiet night) a
 * correct record arrives hours after the previous one, so "stamp minus front" is large for every record of a healthy
 * source, and a rule built on it flags the healthy source and moves its counts. The difference between two
 * announcements of the same release does not depend on how busy the feed is. A median, so a fraction of wrong stamps
 * shows only once it is most of a source's recent records; a source that never shares a release with another has no
 * samples and is never an outlier (a single-source feed that jumps is followed).
 *
 * <p>It decides which sources' stamps are believed, so it is changelogged ({@link #ring} / {@link #restore}); at most
 * {@link #MAX_SOURCES} sources are tracked per task (the rest are never excluded).
 */
final class SourceSkew {

    static final int WINDOW = 15;
    static final int MAX_SOURCES = 64;
    /** Samples a source needs before its median is trusted to exclude it. */
    static final int MIN_SAMPLES = 5;

    private static final byte VERSION = 1;

    /** Per source: the count of samples so far, then the ring of the last {@link #WINDOW}. */
    private final Map<String, long[]> recent = new HashMap<>();

    /** Adds one skew sample (milliseconds) for {@code source}; returns the new median, or 0 when untracked. */
    long observe(String source, long skewMillis) {
        long[] ring = recent.get(source);
        if (ring == null) {
            if (recent.size() >= MAX_SOURCES) {
                return 0;
            }
            ring = new long[WINDOW + 1];
            recent.put(source, ring);
        }
        ring[1 + (int) (ring[0]++ % WINDOW)] = skewMillis;
        return median(source);
    }

    /** Whether {@code source}'s stamps run more than {@code limit} ahead of its peers' (on enough samples). */
    boolean outlier(String source, long limit) {
        long[] ring = recent.get(source);
        return ring != null && ring[0] >= MIN_SAMPLES && median(source) > limit;
    }

    /** The median skew of {@code source}, 0 when unknown. */
    long median(String source) {
        long[] ring = recent.get(source);
        if (ring == null || ring[0] == 0) {
            return 0;
        }
        int size = (int) Math.min(ring[0], WINDOW);
        long[] copy = Arrays.copyOfRange(ring, 1, 1 + size);
        Arrays.sort(copy);
        return copy[size / 2];
    }

    /** The state of {@code source} to store (a version byte, then the sample count and the ring). */
    byte[] ring(String source) {
        long[] ring = recent.get(source);
        if (ring == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate(1 + 8 * ring.length).put(VERSION);
        for (long v : ring) {
            b.putLong(v);
        }
        return b.array();
    }

    /** Puts a stored state back after a restart. */
    void restore(String source, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte version = b.get();
        if (version != VERSION) {
            throw new IllegalStateException(
                    "source skew state of version " + version + ", this build reads " + VERSION);
        }
        long[] ring = new long[WINDOW + 1];
        for (int i = 0; i < ring.length; i++) {
            ring[i] = b.getLong();
        }
        recent.put(source, ring);
    }
}
