package dev.releasewatch.topology;

/**
 * A counting task's estimate of how far event time has got (its "front"; the watermark is the front minus the
 * grace). Two parts, kept apart because they are trusted for different things:
 *
 * <ul>
 *   <li>the <b>record front</b>: the latest stamp of a first announcement that was counted at its own time. Only
 *       plausible records move it: a record stamped further than {@code maxAhead} past the front is held by the
 *       caller until later records vouch for it, and a duplicate never reaches here. It is a maximum, not a
 *       quantile, so it does not lag on a sparse feed (a quantile of recent records trails the newest by hours when
 *       records are hours apart);
 *   <li>the <b>promise</b>: an explicit statement that nothing older is coming (a heartbeat, the wall-clock idle
 *       advance of a live partition).
 * </ul>
 *
 * <p>The front never goes back, so windows it has let close stay closed. Deterministic: it depends only on the
 * records in arrival order.
 */
final class EventTimeFront {

    /** No estimate yet. */
    static final long NONE = Long.MIN_VALUE;

    private final long maxAhead;
    private long recordFront = NONE;
    private long promise = NONE;

    EventTimeFront(long maxAhead) {
        this.maxAhead = maxAhead;
    }

    /** The front: how far event time has got, or {@link #NONE} before any record or promise. */
    long front() {
        return Math.max(recordFront, promise);
    }

    /** The front as the records alone say (no promises), or {@link #NONE}. */
    long recordFront() {
        return recordFront;
    }

    long promise() {
        return promise;
    }

    /** Whether {@code t} is more than {@code maxAhead} past the front (false before there is a front). */
    boolean ahead(long t) {
        long f = front();
        return f != NONE && t > f + maxAhead;
    }

    /** A first announcement counted at its own stamp {@code t}. */
    void counted(long t) {
        recordFront = Math.max(recordFront, t);
    }

    /** A promise that every event up to {@code t} has been seen (heartbeat, idle advance). */
    void promise(long t) {
        promise = Math.max(promise, t);
    }

    /** The state to store: record front, promise. */
    long[] state() {
        return new long[] {recordFront, promise};
    }

    /** Puts a stored state back after a restart. */
    void restore(long[] state) {
        recordFront = state[0];
        promise = state[1];
    }
}
