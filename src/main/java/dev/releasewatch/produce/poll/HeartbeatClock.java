package dev.releasewatch.produce.poll;

import java.time.Duration;
import java.time.Instant;

/**
 * Which time the heartbeat sent after each successful poll carries. A heartbeat says "this source has announced
 * everything up to this time"; it lets windows close while the feed is quiet.
 */
public enum HeartbeatClock {
    /**
     * The poll's wall-clock time when the API is live (its newest item is within {@code watermark.live-lag} of the
     * wall clock, the topology's own definition of live), else the newest item time. A successful poll of a live API
     * is evidence that nothing else was announced up to now, so silent hours close with count 0 and the drop
     * detector sees the silence; an API serving history (or one silent for longer than the live lag) must not push
     * event time to today, which would make every later item of it late.
     */
    AUTO,
    /** Always the poll's wall-clock time: for a live API that may stay silent for longer than the live lag. */
    WALL_CLOCK,
    /** Always the newest item time: never claims more than was seen. */
    ITEM_TIME;

    /**
     * The heartbeat time, or null when nothing has been seen yet (a heartbeat then means nothing).
     *
     * @param wallClock when the poll was made
     * @param newest    newest announcement time published so far, or null
     * @param liveLag   how close to the wall clock a live feed's newest item is
     */
    public Instant heartbeat(Instant wallClock, Instant newest, Duration liveLag) {
        return switch (this) {
            case WALL_CLOCK -> wallClock;
            case ITEM_TIME -> newest;
            case AUTO ->
                newest == null
                        ? null
                        : Duration.between(newest, wallClock).compareTo(liveLag) <= 0 ? wallClock : newest;
        };
    }
}
