package dev.releasewatch.topology.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The remembered releases of one counting task, in memory, compact: an open-addressing index of 64-bit keys
 * ({@link ReleaseKeys}) over entries kept in chunks of {@value #CHUNK_SIZE} by order of arrival (an entry's
 * <i>sequence number</i>; its chunk is {@code seq / 64}). The chunk is also the unit of the changelog: a changed chunk
 * is written whole, as one record ({@link ChunkWriter}), and a chunk whose entries have all been forgotten is deleted.
 *
 * <p>Per entry: 8 bytes of index slot (at most 70 % full: 8–16 bytes) and 29 bytes of chunk (key, time, ids of the
 * category, group and source in a {@link NameTable}, kind), against the ~450 bytes of a name-keyed map of objects.
 *
 * <p>An index slot holds the entry's sequence number + 1 (40 bits: 10^12 entries per task) and the top 24 bits of
 * its key, so a lookup of an unknown key (most lookups) reads no chunk: it stops at an empty slot, comparing tags.
 */
final class SeenTable {

    static final int CHUNK_SHIFT = 6;
    static final int CHUNK_SIZE = 1 << CHUNK_SHIFT;
    private static final int POSITION = CHUNK_SIZE - 1;
    private static final int SEQ_BITS = 40;
    private static final long SEQ_MASK = (1L << SEQ_BITS) - 1;
    private static final long TAG_MASK = ~SEQ_MASK;

    private final NameTable names = new NameTable();
    private long[] slots = new long[1024];
    private int size;
    private Chunk[] chunks = new Chunk[64];
    /** Chunks {@code [firstChunk, endChunk)} may be present in {@link #chunks} (at {@code id & (length - 1)}). */
    private long firstChunk;

    private long endChunk;
    private long nextSeq;
    private final List<Chunk> dirty = new ArrayList<>();

    /** Where changed chunks are written: their new value, or null for a chunk that holds nothing any more. */
    interface ChunkSink {
        void write(long chunk, byte[] value);
    }

    /** The sequence number of the entry with {@code key}, or -1. */
    long find(long key) {
        long tag = key & TAG_MASK;
        int mask = slots.length - 1;
        for (int i = (int) key & mask; ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == 0) {
                return -1;
            }
            if ((slot & TAG_MASK) == tag) {
                long seq = (slot & SEQ_MASK) - 1;
                if (chunk(seq).keys[(int) seq & POSITION] == key) {
                    return seq;
                }
            }
        }
    }

    /** Whether the entry {@code seq} is remembered. */
    boolean contains(long seq) {
        Chunk c = chunkOrNull(seq >>> CHUNK_SHIFT);
        return c != null && (c.live & 1L << (seq & POSITION)) != 0;
    }

    long time(long seq) {
        return chunk(seq).times[(int) seq & POSITION];
    }

    int kind(long seq) {
        return chunk(seq).kinds[(int) seq & POSITION];
    }

    String category(long seq) {
        return names.name(chunk(seq).categories[(int) seq & POSITION]);
    }

    String group(long seq) {
        return names.name(chunk(seq).groups[(int) seq & POSITION]);
    }

    String source(long seq) {
        return names.name(chunk(seq).sources[(int) seq & POSITION]);
    }

    /** Entries remembered. */
    int size() {
        return size;
    }

    /** Distinct categories, groups and sources of the entries. */
    int names() {
        return names.size();
    }

    /**
     * Remembers a new entry, which must not be known ({@link #find} returned -1), in the chunk being filled.
     *
     * @return its sequence number
     */
    long add(long key, int kind, long time, String category, String group, String source) {
        long seq = nextSeq++;
        if (seq + 1 > SEQ_MASK) {
            throw new IllegalStateException("de-duplication sequence numbers exhausted (2^40 entries in one task)");
        }
        long id = seq >>> CHUNK_SHIFT;
        Chunk c = chunkOrNull(id);
        if (c == null) {
            c = new Chunk(id);
            c.writer = new ChunkWriter(names);
            place(c);
            Chunk previous = chunkOrNull(id - 1);
            if (previous != null && previous.live == 0 && !previous.dirty) {
                // emptied while it was being filled: written (deleted) then, and kept until now for the appends
                unplace(previous);
            }
        }
        int p = (int) seq & POSITION;
        set(c, p, key, kind, time, category, group, source);
        if (c.writer != null) {
            c.writer.append(kind, key, time, c.categories[p], c.groups[p], c.sources[p]);
        }
        index(key, seq);
        markDirty(c);
        return seq;
    }

    /** Moves the entry {@code seq} to {@code time}, announced by {@code source}. */
    void retime(long seq, long time, String source) {
        Chunk c = chunk(seq);
        int p = (int) seq & POSITION;
        int old = c.sources[p];
        c.times[p] = time;
        c.sources[p] = names.acquire(source);
        names.release(old);
        c.writer = null;
        markDirty(c);
    }

    /** Forgets the entry {@code seq}, which must be remembered. */
    void remove(long seq) {
        Chunk c = chunk(seq);
        int p = (int) seq & POSITION;
        unindex(c.keys[p], seq);
        c.live &= ~(1L << p);
        names.release(c.categories[p]);
        names.release(c.groups[p]);
        names.release(c.sources[p]);
        c.writer = null;
        markDirty(c);
    }

    /**
     * Puts back an entry of chunk {@code id} read from the changelog, after the entries restored before it in that
     * chunk; chunks restored are full (new entries go to chunks after every restored one).
     *
     * @return false, and nothing changes, when the key is remembered already (in another chunk)
     */
    boolean restore(long id, long key, int kind, long time, String category, String group, String source) {
        if (find(key) >= 0) {
            return false;
        }
        Chunk c = chunkOrNull(id);
        if (c == null) {
            c = new Chunk(id);
            place(c);
        }
        int p = Long.bitCount(c.live);
        if (p == CHUNK_SIZE) {
            throw new IllegalStateException(
                    "de-duplication chunk " + id + " holds more than " + CHUNK_SIZE + " entries");
        }
        set(c, p, key, kind, time, category, group, source);
        long seq = id << CHUNK_SHIFT | p;
        index(key, seq);
        nextSeq = Math.max(nextSeq, (id + 1) << CHUNK_SHIFT);
        return true;
    }

    /** Writes every chunk changed since the last call. */
    void flush(ChunkSink sink) {
        for (Chunk c : dirty) {
            c.dirty = false;
            if (c.live == 0) {
                sink.write(c.id, null);
                if (!filling(c)) {
                    unplace(c);
                }
                continue;
            }
            ChunkWriter writer = c.writer;
            if (writer == null) {
                writer = new ChunkWriter(names);
                for (long live = c.live; live != 0; live &= live - 1) {
                    int p = Long.numberOfTrailingZeros(live);
                    writer.append(c.kinds[p], c.keys[p], c.times[p], c.categories[p], c.groups[p], c.sources[p]);
                }
            }
            sink.write(c.id, writer.toBytes());
            c.writer = filling(c) ? writer : null;
        }
        dirty.clear();
    }

    /** Calls {@code action} with the sequence number of every entry, in order. */
    void forEach(LongConsumer action) {
        for (long id = firstChunk; id < endChunk; id++) {
            Chunk c = chunkOrNull(id);
            if (c != null) {
                for (long live = c.live; live != 0; live &= live - 1) {
                    action.accept(id << CHUNK_SHIFT | Long.numberOfTrailingZeros(live));
                }
            }
        }
    }

    private boolean filling(Chunk c) {
        return c.id == nextSeq >>> CHUNK_SHIFT;
    }

    private void set(Chunk c, int p, long key, int kind, long time, String category, String group, String source) {
        c.keys[p] = key;
        c.kinds[p] = (byte) kind;
        c.times[p] = time;
        c.categories[p] = names.acquire(category);
        c.groups[p] = names.acquire(group);
        c.sources[p] = names.acquire(source);
        c.live |= 1L << p;
    }

    private void markDirty(Chunk c) {
        if (!c.dirty) {
            c.dirty = true;
            dirty.add(c);
        }
    }

    private Chunk chunk(long seq) {
        return chunks[(int) (seq >>> CHUNK_SHIFT) & (chunks.length - 1)];
    }

    private Chunk chunkOrNull(long id) {
        return id < firstChunk || id >= endChunk ? null : chunks[(int) id & (chunks.length - 1)];
    }

    private void place(Chunk c) {
        if (firstChunk == endChunk) {
            firstChunk = c.id;
            endChunk = c.id;
        }
        long first = Math.min(firstChunk, c.id);
        long end = Math.max(endChunk, c.id + 1);
        if (end - first > chunks.length) {
            int length = Integer.highestOneBit((int) Math.min(Integer.MAX_VALUE / 2, end - first) - 1) << 1;
            Chunk[] placed = new Chunk[Math.max(length, chunks.length * 2)];
            for (long id = firstChunk; id < endChunk; id++) {
                Chunk old = chunks[(int) id & (chunks.length - 1)];
                if (old != null) {
                    placed[(int) id & (placed.length - 1)] = old;
                }
            }
            chunks = placed;
        }
        firstChunk = first;
        endChunk = end;
        chunks[(int) c.id & (chunks.length - 1)] = c;
    }

    private void unplace(Chunk c) {
        chunks[(int) c.id & (chunks.length - 1)] = null;
        while (firstChunk < endChunk && chunks[(int) firstChunk & (chunks.length - 1)] == null) {
            firstChunk++;
        }
        while (endChunk > firstChunk && chunks[(int) (endChunk - 1) & (chunks.length - 1)] == null) {
            endChunk--;
        }
    }

    private void index(long key, long seq) {
        if ((size + 1) * 10L > slots.length * 7L) {
            resize(slots.length * 2);
        }
        int mask = slots.length - 1;
        int i = (int) key & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = (key & TAG_MASK) | (seq + 1);
        size++;
    }

    /** Removes the slot of {@code seq}, shifting back the slots after it that probed past it (no tombstones). */
    private void unindex(long key, long seq) {
        int mask = slots.length - 1;
        int i = (int) key & mask;
        while ((slots[i] & SEQ_MASK) != seq + 1) {
            if (slots[i] == 0) {
                throw new IllegalStateException("de-duplication entry " + seq + " is not indexed");
            }
            i = (i + 1) & mask;
        }
        for (int j = (i + 1) & mask; slots[j] != 0; j = (j + 1) & mask) {
            int home = (int) keyOf(slots[j]) & mask;
            boolean stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!stays) {
                slots[i] = slots[j];
                i = j;
            }
        }
        slots[i] = 0;
        size--;
    }

    private long keyOf(long slot) {
        long seq = (slot & SEQ_MASK) - 1;
        return chunk(seq).keys[(int) seq & POSITION];
    }

    private void resize(int length) {
        long[] old = slots;
        slots = new long[length];
        int mask = length - 1;
        for (long slot : old) {
            if (slot != 0) {
                int i = (int) keyOf(slot) & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = slot;
            }
        }
    }

    /** Up to {@value #CHUNK_SIZE} entries, by position ({@code seq % 64}); {@code live} marks those remembered. */
    private static final class Chunk {
        final long id;
        final long[] keys = new long[CHUNK_SIZE];
        final long[] times = new long[CHUNK_SIZE];
        final int[] categories = new int[CHUNK_SIZE];
        final int[] groups = new int[CHUNK_SIZE];
        final int[] sources = new int[CHUNK_SIZE];
        final byte[] kinds = new byte[CHUNK_SIZE];
        long live;
        boolean dirty;
        /** The value so far, while entries are only appended (the chunk being filled); null once one changed. */
        ChunkWriter writer;

        Chunk(long id) {
            this.id = id;
        }
    }
}
