package dev.releasewatch.topology.dedup;

import java.util.Arrays;

/**
 * The order in which remembered entries are forgotten: (time, sequence number) pairs, first in first out, in two
 * primitive ring buffers (16 bytes an entry, no object per entry). An entry moved to an earlier time is queued again
 * with it; only the pair with its current time forgets it.
 */
final class ExpiryQueue {

    private long[] times = new long[1024];
    private long[] seqs = new long[1024];
    private int head;
    private int size;

    void add(long time, long seq) {
        if (size == times.length) {
            grow();
        }
        int i = (head + size) & (times.length - 1);
        times[i] = time;
        seqs[i] = seq;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    long firstTime() {
        return times[head];
    }

    long firstSeq() {
        return seqs[head];
    }

    void removeFirst() {
        head = (head + 1) & (times.length - 1);
        size--;
        if (size == 0) {
            head = 0;
        }
    }

    /** Replaces the content with the pairs given, ordered by time (a stable sort: ties keep their order). */
    void fill(long[] entryTimes, long[] entrySeqs, int count) {
        int length = Integer.highestOneBit(Math.max(1024, count * 2 - 1));
        long[] t = Arrays.copyOf(entryTimes, count);
        long[] s = Arrays.copyOf(entrySeqs, count);
        sort(t, s, new long[count], new long[count], 0, count);
        times = Arrays.copyOf(t, length);
        seqs = Arrays.copyOf(s, length);
        head = 0;
        size = count;
    }

    private void grow() {
        int length = times.length;
        long[] t = new long[length * 2];
        long[] s = new long[length * 2];
        for (int k = 0; k < size; k++) {
            t[k] = times[(head + k) & (length - 1)];
            s[k] = seqs[(head + k) & (length - 1)];
        }
        times = t;
        seqs = s;
        head = 0;
    }

    /** Merge sort of {@code t[from, to)} by value, carrying {@code s} along. */
    private static void sort(long[] t, long[] s, long[] bufT, long[] bufS, int from, int to) {
        if (to - from < 2) {
            return;
        }
        int mid = (from + to) >>> 1;
        sort(t, s, bufT, bufS, from, mid);
        sort(t, s, bufT, bufS, mid, to);
        if (t[mid - 1] <= t[mid]) {
            return;
        }
        int i = from;
        int j = mid;
        int k = from;
        while (i < mid && j < to) {
            boolean left = t[i] <= t[j];
            bufT[k] = left ? t[i] : t[j];
            bufS[k++] = left ? s[i++] : s[j++];
        }
        while (i < mid) {
            bufT[k] = t[i];
            bufS[k++] = s[i++];
        }
        while (j < to) {
            bufT[k] = t[j];
            bufS[k++] = s[j++];
        }
        System.arraycopy(bufT, from, t, from, to - from);
        System.arraycopy(bufS, from, s, from, to - from);
    }
}
