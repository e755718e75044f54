package dev.releasewatch.feed.name;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The fixed split of the shared release-name corpus into a <em>tuning</em> part, on whose misses parser rules may be
 * chosen, and a <em>held-back</em> part, which is only ever measured as a whole.
 *
 * <p>A name belongs to the held-back part when the first four bytes of the SHA-256 of its UTF-8 bytes, read as an
 * unsigned big-endian number, are {@code 7, 8 or 9 mod 10}: about 30 % of the names. The rule depends on nothing but
 * the name, so it is stable across runs, machines, row order and additions to the corpus, and a name never changes
 * part. No other state (seed, row index, source suite) enters it.
 */
final class CorpusSplit {

    /** The two parts. */
    enum Part {
        /** About 70 % of the names: rules are chosen looking at the misses here (in-sample). */
        TUNING,
        /** About 30 % of the names: measured only as totals, to report out-of-sample accuracy. */
        HELD_BACK
    }

    private static final int BUCKETS = 10;
    private static final int FIRST_HELD_BACK_BUCKET = 7;

    private CorpusSplit() {}

    /**
     * @param name a corpus name, exactly as in the {@code name} field
     * @return the part the name belongs to
     */
    static Part part(String name) {
        return bucket(name) >= FIRST_HELD_BACK_BUCKET ? Part.HELD_BACK : Part.TUNING;
    }

    /** @return the name's bucket, {@code 0..9} */
    static int bucket(String name) {
        byte[] digest = sha256(name.getBytes(StandardCharsets.UTF_8));
        long value = ((digest[0] & 0xffL) << 24)
                | ((digest[1] & 0xffL) << 16)
                | ((digest[2] & 0xffL) << 8)
                | (digest[3] & 0xffL);
        return (int) (value % BUCKETS);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
