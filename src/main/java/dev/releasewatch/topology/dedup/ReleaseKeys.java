package dev.releasewatch.topology.dedup;

import java.util.Locale;

/**
 * The 64-bit key the de-duplication memory remembers an announcement by: a hash of its kind and its lower-cased name,
 * instead of the name itself (48 bytes on average, more as a Java string).
 *
 * <p><b>Collisions.</b> Two different names with the same key would make the second look like a repeat of the first,
 * which would then not be counted. The hash mixes 64-bit words of the name (8 ASCII characters each) with
 * multiply-rotate rounds and a final avalanche (the MurmurHash3 64-bit construction), so for names that are not chosen
 * to collide it behaves like a random function: a lookup with {@code n} releases remembered hits a false repeat with
 * probability about {@code n / 2^64}. At the scale on paper (10^8 announcements a day, a 7-day window: n = 7 × 10^8)
 * that is 4 × 10^-11 per lookup, 4 × 10^-3 lost releases a day: one in about 260 days, among 2.6 × 10^10 counted
 * (each counting task remembers only its partition's share, so per task n, and the rate, are smaller). It is not a
 * keyed cryptographic hash: someone who can publish names and wants to hide a given release could search for a
 * colliding name, at a cost of about 2^64 hash evaluations per target.
 *
 * <p>The key is stored (in the store's changelog), so this function must never change: its constants are part of the
 * state format. Names are lower-cased as {@link String#toLowerCase(Locale) toLowerCase(Locale.ROOT)} does (the key of
 * the previous format), without building a string when the name is ASCII.
 */
public final class ReleaseKeys {

    /** Kind of a release announcement. */
    public static final int RELEASE = 0;
    /** Kind of a nuke of a release. */
    public static final int NUKE = 1;
    /** Kind of an unnuke of a release. */
    public static final int UNNUKE = 2;

    /** Prefix of a nuke in the previous format's keys (and in the held records' keys). */
    public static final String NUKE_PREFIX = "\u0001nuke:";
    /** Prefix of an unnuke in the previous format's keys (and in the held records' keys). */
    public static final String UNNUKE_PREFIX = "\u0001unnuke:";

    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;
    private static final long KIND = 0x9E3779B97F4A7C15L;

    private ReleaseKeys() {}

    /** The key of a release named {@code name} (any case). */
    public static long release(String name) {
        return of(RELEASE, name);
    }

    /** The key of an announcement of {@code kind} ({@link #RELEASE}, {@link #NUKE} or {@link #UNNUKE}) of a name. */
    public static long of(int kind, String name) {
        return hash(kind, name, false);
    }

    /**
     * The key of a name as the previous format keyed it: the lower-cased name, prefixed with {@link #NUKE_PREFIX} or
     * {@link #UNNUKE_PREFIX} for nukes and unnukes.
     */
    public static long ofPrefixed(String key) {
        return hash(kindOfPrefixed(key), nameOfPrefixed(key), true);
    }

    /** The kind of a previous-format key. */
    public static int kindOfPrefixed(String key) {
        if (key.startsWith(NUKE_PREFIX)) {
            return NUKE;
        }
        return key.startsWith(UNNUKE_PREFIX) ? UNNUKE : RELEASE;
    }

    /** The name of a previous-format key, without its prefix. */
    static String nameOfPrefixed(String key) {
        return switch (kindOfPrefixed(key)) {
            case NUKE -> key.substring(NUKE_PREFIX.length());
            case UNNUKE -> key.substring(UNNUKE_PREFIX.length());
            default -> key;
        };
    }

    /**
     * The hash of {@code name} with ASCII letters lower-cased, 8 characters (as bytes) per round; a name with any other
     * character is lower-cased by {@link String#toLowerCase(Locale)} first ({@code lowered}: already done), which is
     * rare in release names, and hashed by {@link #wide} unless that made it ASCII.
     */
    private static long hash(int kind, String name, boolean lowered) {
        int n = name.length();
        long h = (kind + 1) * KIND;
        int all = 0;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            long k = 0;
            for (int j = 0; j < 8; j++) {
                int c = name.charAt(i + j);
                all |= c;
                k |= (long) lower(c) << (8 * j);
            }
            h = round(h, k);
        }
        if (i < n) {
            long k = 0;
            for (int shift = 0; i < n; i++, shift += 8) {
                int c = name.charAt(i);
                all |= c;
                k |= (long) lower(c) << shift;
            }
            h = round(h, k);
        }
        if (all >= 0x80) {
            if (lowered) {
                return wide(kind, name);
            }
            String lowerCased = name.toLowerCase(Locale.ROOT);
            return hash(kind, lowerCased, true);
        }
        return avalanche(h ^ n);
    }

    /** The hash of a lower-cased name with a non-ASCII character: 4 UTF-16 characters per round. */
    private static long wide(int kind, String name) {
        int n = name.length();
        long h = (kind + 4) * KIND;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            h = round(
                    h,
                    name.charAt(i)
                            | (long) name.charAt(i + 1) << 16
                            | (long) name.charAt(i + 2) << 32
                            | (long) name.charAt(i + 3) << 48);
        }
        if (i < n) {
            long k = 0;
            for (int shift = 0; i < n; i++, shift += 16) {
                k |= (long) name.charAt(i) << shift;
            }
            h = round(h, k);
        }
        return avalanche(h ^ n);
    }

    private static int lower(int c) {
        return c - 'A' < 26 && c >= 'A' ? c + ('a' - 'A') : c;
    }

    private static long round(long h, long k) {
        k *= C1;
        k = Long.rotateLeft(k, 31);
        k *= C2;
        h ^= k;
        h = Long.rotateLeft(h, 27);
        return h * 5 + 0x52dce729;
    }

    private static long avalanche(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
