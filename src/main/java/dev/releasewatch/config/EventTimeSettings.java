package dev.releasewatch.config;

import java.time.Duration;

/**
 * How a counting task decides event time when clocks disagree (see {@code docs/event-time.md}), and how many sources
 * it tells apart. Defaults live
 * in {@link ConfigLoader#DEFAULTS} with every other key.
 *
 * @param maxAhead     {@code watermark.max-ahead}: a first announcement stamped further than this past the
 *                     partition's event-time front is held back instead of counted or followed
 * @param maxClockSkew {@code watermark.max-clock-skew}: a stamp further than this past the record's arrival (the
 *                     earlier of its Kafka timestamp and the wall clock) is not believed: the record is counted at
 *                     its arrival; only ever true in a live run, where arrival and event time are the same clock
 * @param jumpQuorum   {@code watermark.jump-quorum}: that many first announcements in a row, all held, are a feed
 *                     that really jumped forward (after a quiet spell) and move the front; fewer cannot
 * @param maxHeld      {@code watermark.max-held}: at most this many records are held per counting task; a further
 *                     one is dead-lettered as FUTURE (bounds the state a flood of future stamps can build)
 * @param maxSources   {@code sources.max}: sources with a name of their own in per-source metrics and in the activity
 *                     the detector judges (silent source, cause of a drop); later ones share the name {@code other},
 *                     so a producer that invents source ids cannot grow the label set or the detector's state
 */
public record EventTimeSettings(
        Duration maxAhead, Duration maxClockSkew, int jumpQuorum, int maxHeld, int maxSources) {}
