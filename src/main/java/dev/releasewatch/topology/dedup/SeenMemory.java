package dev.releasewatch.topology.dedup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A counting task's de-duplication memory: every release, nuke and unnuke counted within the de-duplication window,
 * with the time, category, group and source it was counted with. In memory ({@link SeenTable}; with the expiry queue
 * and the store's copy of the chunks about 100 bytes an entry, measured at 500,000 entries, against ~450 before;
 * keyed by a 64-bit hash of the name, see {@link ReleaseKeys} for the collision rate) and changelogged in chunks of 64
 * entries by order of arrival: the chunk being filled is written after each new entry, but the store's cache keeps only
 * its last value until the commit, so the changelog gets about one record per 64 releases (and one tombstone per 64
 * forgotten) instead of a record and a tombstone per release. Every change is written to the store before the method
 * that made it returns, so whatever a commit covers (the input offsets) is in the changelog with it: a restart restores
 * exactly the entries of the last commit.
 *
 * <p>Entries are forgotten in the order they were remembered ({@link #forgetBefore}); one moved to an earlier time is
 * queued again at the end and forgotten at that time. After a restart the queue is rebuilt ordered by time.
 *
 * <p>Store keys: a chunk is {@code 0x00} followed by its number (8 bytes, big-endian). Every other key is an entry of
 * the previous format ({@link SeenRelease}, keyed by the lower-cased name; no release name starts with a control
 * character): on restore those are converted into chunks and deleted, in the task's first transaction.
 */
public final class SeenMemory {

    private static final Logger LOGGER = LoggerFactory.getLogger(SeenMemory.class);
    private static final int CHUNK_KEY_LENGTH = 9;

    private final SeenStore store;
    private final SeenTable table = new SeenTable();
    private final ExpiryQueue expiry = new ExpiryQueue();
    private final SeenTable.ChunkSink sink = this::write;

    public SeenMemory(SeenStore store) {
        this.store = store;
    }

    /** One remembered entry, as {@link #restore} reports it. */
    public interface Remembered {
        /**
         * @param kind {@link ReleaseKeys#RELEASE}, {@link ReleaseKeys#NUKE} or {@link ReleaseKeys#UNNUKE}
         */
        void entry(int kind, long time, String category, String group);
    }

    /**
     * Reads the store (after a restart; a new task's is empty), converts entries of the previous format, and reports
     * every entry remembered.
     *
     * @return the number of entries
     */
    public int restore(Remembered each) {
        List<Legacy> legacy = new ArrayList<>();
        int[] skipped = {0};
        store.forEach((key, value) -> {
            if (key.length == CHUNK_KEY_LENGTH && key[0] == 0) {
                long id = ByteBuffer.wrap(key, 1, 8).getLong();
                ChunkWriter.read(value, (kind, k, time, category, group, source) -> {
                    if (!table.restore(id, k, kind, time, category, group, source)) {
                        skipped[0]++;
                    }
                });
            } else {
                legacy.add(new Legacy(key, new String(key, StandardCharsets.UTF_8), SeenRelease.fromBytes(value)));
            }
        });
        if (skipped[0] > 0) {
            LOGGER.warn("{} de-duplication entries were found in two chunks; the first was kept", skipped[0]);
        }
        convert(legacy);
        long[] times = new long[table.size()];
        long[] seqs = new long[table.size()];
        int[] n = {0};
        table.forEach(seq -> {
            times[n[0]] = table.time(seq);
            seqs[n[0]++] = seq;
            each.entry(table.kind(seq), table.time(seq), table.category(seq), table.group(seq));
        });
        expiry.fill(times, seqs, n[0]);
        return n[0];
    }

    /** Converts entries of the previous format into chunks, in the order of their times, and deletes them. */
    private void convert(List<Legacy> legacy) {
        if (legacy.isEmpty()) {
            return;
        }
        legacy.sort(Comparator.comparingLong((Legacy l) -> l.entry.time()).thenComparing(l -> l.name));
        for (Legacy l : legacy) {
            long key = ReleaseKeys.ofPrefixed(l.name);
            if (table.find(key) < 0) {
                SeenRelease e = l.entry;
                table.add(key, ReleaseKeys.kindOfPrefixed(l.name), e.time(), e.category(), e.group(), e.source());
            }
            store.put(l.key, null);
        }
        table.flush(sink);
        LOGGER.info("Converted {} de-duplication entries of the previous format into chunks", legacy.size());
    }

    /** The entry remembered under {@code key} ({@link ReleaseKeys}), or -1. */
    public long find(long key) {
        return table.find(key);
    }

    /** The time entry {@code entry} ({@link #find}) was counted at. */
    public long time(long entry) {
        return table.time(entry);
    }

    public String category(long entry) {
        return table.category(entry);
    }

    public String group(long entry) {
        return table.group(entry);
    }

    /** The source that announced the entry first (the earliest, after a move). */
    public String source(long entry) {
        return table.source(entry);
    }

    /** Remembers an entry that {@link #find} does not know. */
    public void remember(long key, int kind, long time, String category, String group, String source) {
        long seq = table.add(key, kind, time, category, group, source);
        expiry.add(time, seq);
        table.flush(sink);
    }

    /** Moves an entry to an earlier {@code time}, announced by {@code source}; it is forgotten at that time. */
    public void retime(long entry, long time, String source) {
        table.retime(entry, time, source);
        expiry.add(time, entry);
        table.flush(sink);
    }

    /**
     * Forgets entries from the front of the queue while their time is before {@code horizon}: it stops at the first
     * that is not, as the queue is in the order entries were remembered, not quite the order of their times.
     */
    public void forgetBefore(long horizon) {
        while (!expiry.isEmpty() && expiry.firstTime() < horizon) {
            long time = expiry.firstTime();
            long seq = expiry.firstSeq();
            expiry.removeFirst();
            if (table.contains(seq) && table.time(seq) == time) {
                table.remove(seq);
            }
        }
        table.flush(sink);
    }

    /** Entries remembered. */
    public int size() {
        return table.size();
    }

    /** Distinct categories, groups and sources held for the entries. */
    int names() {
        return table.names();
    }

    private void write(long chunk, byte[] value) {
        store.put(chunkKey(chunk), value);
    }

    static byte[] chunkKey(long chunk) {
        return ByteBuffer.allocate(CHUNK_KEY_LENGTH)
                .put((byte) 0)
                .putLong(chunk)
                .array();
    }

    private record Legacy(byte[] key, String name, SeenRelease entry) {}
}
