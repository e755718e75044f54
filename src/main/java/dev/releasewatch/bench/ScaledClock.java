package dev.releasewatch.bench;

/**
 * The event-time clock of a live benchmark: event time runs {@code speed} times faster than the wall clock from
 * {@code eventStart} at wall instant {@code wallStart}. Hour windows are the smallest the monitor has, so a live run
 * at real speed would close a handful of windows an hour; scaled, a run of minutes closes dozens, while everything the
 * pipeline itself does (polls, commits, transactions, repartition hops) still takes its real wall-clock time, which
 * is what a latency measurement wants.
 *
 * @param wallStart  wall-clock epoch millis at which event time is {@code eventStart}
 * @param eventStart event-time epoch millis at {@code wallStart}
 * @param speed      event-time milliseconds per wall-clock millisecond, at least 1
 */
public record ScaledClock(long wallStart, long eventStart, double speed) {

    /** Validates. */
    public ScaledClock {
        if (!(speed >= 1)) {
            throw new IllegalArgumentException("speed must be at least 1, got " + speed);
        }
    }

    /** The event time at wall instant {@code wall}. */
    public long eventAt(long wall) {
        return eventStart + (long) Math.floor((wall - wallStart) * speed);
    }

    /** The wall instant at which event time reaches {@code event}. */
    public long wallAt(long event) {
        return wallStart + (long) Math.ceil((event - eventStart) / speed);
    }
}
