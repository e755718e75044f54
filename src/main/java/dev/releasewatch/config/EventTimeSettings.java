package dev.releasewatch.config;

import java.time.Duration;

/**
 * How a counting task decides event time when clocks disagree (see {@code docs/event-time.md}). Defaults live
 * in {@link ConfigLoader#DEFAULTS} with every other key.
 *
 * @param maxAhead     {@code watermark.max-ahead}: a first announcement stamped further than this past the
 *                     partition's robust event-time front is held back instead of counted or followed
 * @param maxClockSkew {@code watermark.max-clock-skew}: a stamp further than this past the record's arrival (the
 *                     earlier of its Kafka timestamp and the wall clock) is not believed: the record is counted at
 *                     its arrival; only ever true in a live run, where arrival and event time are the same clock
 * @param sampleSize   {@code watermark.sample-size}: how many recent first announcements the front is taken from
 * @param quorum       {@code watermark.quorum}: the front is the {@code quorum}-th largest of the sample, so fewer
 *                     than {@code quorum} records cannot move it (and a source's records count only up to
 *                     {@code maxAhead} past what its peers' latest records say)
 */
public record EventTimeSettings(Duration maxAhead, Duration maxClockSkew, int sampleSize, int quorum) {

    /** Checks the ranges. */
    public EventTimeSettings {
        if (quorum < 1 || sampleSize < quorum) {
            throw new IllegalArgumentException(
                    "need 1 <= watermark.quorum <= watermark.sample-size, got " + quorum + " and " + sampleSize);
        }
    }
}
