package dev.releasewatch.feed.synth;

/**
 * Remembers which release names were already generated (callers pass them lower-cased, because the
 * monitor de-duplicates case-insensitively), as 64-bit fingerprints in an open-addressing table: 8 bytes
 * a name instead of a {@code HashSet<String>}'s ~100, so a multi-million-event feed stays streaming. A fingerprint
 * collision between two different names (about 1 in 10<sup>8</sup> for a million names) only makes the generator pick
 * another name, so it cannot produce a duplicate.
 */
final class NameRegistry {

    private long[] table = new long[1 << 16];
    private int size;

    /**
     * Records a name.
     *
     * @return false if the name (or its fingerprint) was seen before
     */
    boolean add(final CharSequence name) {
        long key = fingerprint(name);
        if (key == 0) {
            key = 1; // 0 marks an empty slot
        }
        if (size * 2 >= table.length) {
            grow();
        }
        int slot = slot(key, table.length);
        while (table[slot] != 0) {
            if (table[slot] == key) {
                return false;
            }
            slot = (slot + 1) & (table.length - 1);
        }
        table[slot] = key;
        size++;
        return true;
    }

    private void grow() {
        final long[] old = table;
        table = new long[old.length * 2];
        for (long key : old) {
            if (key != 0) {
                int slot = slot(key, table.length);
                while (table[slot] != 0) {
                    slot = (slot + 1) & (table.length - 1);
                }
                table[slot] = key;
            }
        }
    }

    private static int slot(final long key, final int length) {
        return (int) (mix(key) & (length - 1));
    }

    /** FNV-1a over the UTF-16 code units, then a finaliser so that similar names spread over the table. */
    private static long fingerprint(final CharSequence name) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < name.length(); i++) {
            hash ^= name.charAt(i);
            hash *= 0x100000001b3L;
        }
        return mix(hash);
    }

    private static long mix(final long value) {
        long z = value;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    @Override
    public String toString() {
        return "NameRegistry[" + size + " names, table " + table.length + "]";
    }
}
