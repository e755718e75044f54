package dev.releasewatch.topology;

import java.util.Arrays;

/**
 * A counting task's robust estimate of how far event time has got (its "front"; the watermark is the front minus
 * the grace): the {@code quorum}-th largest time among the last {@code sampleSize} first announcements, so one
 * record (or fewer than {@code quorum}) stamped in the future cannot move it, while a whole feed that jumps forward
 * after a quiet spell moves it as soon as a quorum of records agree. Duplicates never enter the sample (a
 * re-announcement says nothing about progress), and neither do the records of a source whose clock is known to run
 * ahead ({@link SourceSkew}): the caller decides what is added.
 *
 * <p>Explicit promises (a heartbeat, the wall-clock idle advance) raise the front directly, but not the
 * {@linkplain #recordFront() record front}, which alone says whether a held record's stamp has become plausible.
 * The front never goes back, so windows it has let close stay closed. Deterministic: it depends only on the
 * records in arrival order.
 */
final class EventTimeFront {

    /** No estimate yet. */
    static final long NONE = Long.MIN_VALUE;

    private final int quorum;
    private final long maxAhead;
    private final long[] times;
    private final long[] sorted;
    private int size;
    private int next;
    private long promise = NONE;
    private long recordFront = NONE;

    EventTimeFront(int sampleSize, int quorum, long maxAhead) {
        this.quorum = quorum;
        this.maxAhead = maxAhead;
        this.times = new long[sampleSize];
        this.sorted = new long[sampleSize];
    }

    /** Adds a first announcement's time to the sample; returns the slot it took (for the changelog). */
    int add(long t) {
        int slot = next;
        put(slot, t);
        next = (next + 1) % times.length;
        recompute();
        return slot;
    }

    /** Puts a sample entry back after a restart (no recomputation until {@link #restored}). */
    void put(int slot, long t) {
        if (slot >= size) {
            size = slot + 1;
        }
        times[slot] = t;
    }

    /** Finishes a restart with the values as stored. */
    void restored(int nextSlot, int storedSize, long storedPromise, long storedRecordFront) {
        this.next = Math.floorMod(nextSlot, times.length);
        this.size = Math.min(storedSize, times.length);
        this.promise = storedPromise;
        this.recordFront = storedRecordFront;
        recompute();
    }

    /** A promise that every event up to {@code t} has been seen (heartbeat, idle advance). */
    void promise(long t) {
        promise = Math.max(promise, t);
    }

    long promise() {
        return promise;
    }

    int nextSlot() {
        return next;
    }

    int size() {
        return size;
    }

    /** The front: how far event time has got, or {@link #NONE} before a quorum of records or a promise. */
    long front() {
        return Math.max(recordFront, promise);
    }

    /** The front as the records alone say (no promises), or {@link #NONE}. */
    long recordFront() {
        return recordFront;
    }

    /** Whether {@code t} is more than {@code maxAhead} past the front (a front must exist). */
    boolean ahead(long t) {
        long f = front();
        return f != NONE && t > f + maxAhead;
    }

    /** Whether the records alone have come within {@code maxAhead} of {@code t}. */
    boolean reachedByRecords(long t) {
        return recordFront != NONE && t <= recordFront + maxAhead;
    }

    private void recompute() {
        if (size < quorum) {
            return;
        }
        System.arraycopy(times, 0, sorted, 0, size);
        Arrays.sort(sorted, 0, size);
        recordFront = Math.max(recordFront, sorted[size - quorum]);
    }
}
