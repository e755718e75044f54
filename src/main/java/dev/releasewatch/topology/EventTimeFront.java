package dev.releasewatch.topology;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A counting task's robust estimate of how far event time has got (its "front"; the watermark is the front minus
 * the grace). Two rules make it robust:
 *
 * <ul>
 *   <li><b>A quorum of records.</b> The front is the {@code quorum}-th largest time among the last
 *       {@code sampleSize} first announcements, so one record (or fewer than {@code quorum}) stamped in the future
 *       cannot move it, while a whole feed that jumps forward after a quiet spell moves it as soon as a quorum of
 *       records agree. Duplicates never enter the sample: a re-announcement says nothing about progress.
 *   <li><b>No source alone.</b> Every source's latest stamp is remembered (duplicates included: they show the
 *       source's clock). While other sources have sent something among the last {@code peerWindow} records, a
 *       source's records count only up to {@code maxAhead} past the latest stamp of its peers, so a source whose
 *       clock runs hours fast is outvoted by its peers however many records it sends.
 * </ul>
 *
 * Explicit promises (a heartbeat, the wall-clock idle advance) raise the front directly. The front never goes
 * back, so windows it has let close stay closed. Deterministic: it depends only on the records in arrival order.
 */
final class EventTimeFront {

    /** No estimate yet. */
    static final long NONE = Long.MIN_VALUE;

    private final int quorum;
    private final long maxAhead;
    private final long peerWindow;
    private final long[] times;
    private final String[] sources;
    private final Integer[] order;
    private final Map<String, long[]> latest = new HashMap<>();
    private int size;
    private int next;
    private long arrivals;
    private long promise = NONE;
    private long front = NONE;

    EventTimeFront(int sampleSize, int quorum, long maxAhead) {
        this.quorum = quorum;
        this.maxAhead = maxAhead;
        this.peerWindow = 4L * sampleSize;
        this.times = new long[sampleSize];
        this.sources = new String[sampleSize];
        this.order = new Integer[sampleSize];
    }

    /** Notes any record's stamp (first announcement or duplicate) as its source's latest. */
    void seen(String source, long t) {
        arrivals++;
        long[] entry = latest.get(source);
        if (entry == null) {
            latest.put(source, new long[] {t, arrivals});
        } else {
            entry[0] = t;
            entry[1] = arrivals;
        }
        if ((arrivals & 1023) == 0) {
            latest.values().removeIf(e -> arrivals - e[1] > peerWindow);
        }
    }

    /** Adds a first announcement's time to the sample; returns the slot it took (for the changelog). */
    int add(long t, String source) {
        int slot = next;
        put(slot, t, source);
        next = (next + 1) % times.length;
        recompute();
        return slot;
    }

    /** Puts a sample entry back after a restart (no recomputation until {@link #restored}). */
    void put(int slot, long t, String source) {
        if (sources[slot] == null) {
            size++;
        }
        times[slot] = t;
        sources[slot] = source;
    }

    /** Puts a source's latest stamp back after a restart. */
    void putLatest(String source, long t, long arrival) {
        latest.put(source, new long[] {t, arrival});
    }

    /** Finishes a restart with the counters as stored. */
    void restored(int nextSlot, long storedArrivals, long storedPromise, long storedFront) {
        this.next = Math.floorMod(nextSlot, times.length);
        this.arrivals = storedArrivals;
        this.promise = storedPromise;
        this.front = storedFront;
        recompute();
    }

    /** A promise that every event up to {@code t} has been seen (heartbeat, idle advance). */
    void promise(long t) {
        if (t > promise) {
            promise = t;
            front = Math.max(front, t);
        }
    }

    long promise() {
        return promise;
    }

    int nextSlot() {
        return next;
    }

    long arrivals() {
        return arrivals;
    }

    /** The latest stamp and its arrival number of {@code source}, or null. */
    long[] latest(String source) {
        return latest.get(source);
    }

    /** The front: how far event time has got, or {@link #NONE} before a quorum of records or a promise. */
    long front() {
        return front;
    }

    /** Whether {@code t} is more than {@code maxAhead} past the front (a front must exist). */
    boolean ahead(long t) {
        return front != NONE && t > front + maxAhead;
    }

    private void recompute() {
        if (size < quorum) {
            return;
        }
        // the two most recent-stamped live sources, so each source's peers' latest is one of them
        String firstSource = null;
        long first = NONE;
        long second = NONE;
        for (Iterator<Map.Entry<String, long[]>> it = latest.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, long[]> e = it.next();
            if (arrivals - e.getValue()[1] > peerWindow) {
                continue;
            }
            long t = e.getValue()[0];
            if (t > first) {
                second = first;
                first = t;
                firstSource = e.getKey();
            } else if (t > second) {
                second = t;
            }
        }
        int n = 0;
        for (int i = 0; i < times.length; i++) {
            if (sources[i] != null) {
                order[n++] = i;
            }
        }
        Arrays.sort(order, 0, n, (a, b) -> Long.compare(times[b], times[a]));
        int counted = 0;
        for (int i = 0; i < n; i++) {
            int slot = order[i];
            long peers = sources[slot].equals(firstSource) ? second : first;
            if (peers != NONE && times[slot] > peers + maxAhead) {
                continue;
            }
            if (++counted == quorum) {
                front = Math.max(front, times[slot]);
                return;
            }
        }
    }
}
