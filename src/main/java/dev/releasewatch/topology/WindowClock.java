package dev.releasewatch.topology;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * Boundaries of hour and day windows aligned to a time zone. A day window runs from local midnight to the
 * next local midnight, so it lasts 23 or 25 hours on daylight-saving changes; an hour window is a local
 * clock hour.
 *
 * <p>Not thread-safe: it caches the last day it computed, because consecutive events almost always fall
 * on the same day and {@code java.time} zone arithmetic is comparatively slow on the per-record path.
 */
public final class WindowClock {

    /** Milliseconds in an hour. */
    public static final long HOUR = 3_600_000L;

    private final ZoneId zone;
    private final ZoneRules rules;
    private final boolean fixedOffset;
    private long cachedDayStart = Long.MAX_VALUE;
    private long cachedDayEnd = Long.MIN_VALUE;

    /** A clock for the given zone. */
    public WindowClock(ZoneId zone) {
        this.zone = zone;
        this.rules = zone.getRules();
        this.fixedOffset = rules.isFixedOffset();
    }

    /** The zone windows are aligned to. */
    public ZoneId zone() {
        return zone;
    }

    /** Start of the hour window holding {@code t}. */
    public long hourStart(long t) {
        long offset = offsetMillis(t);
        return Math.floorDiv(t + offset, HOUR) * HOUR - offset;
    }

    /** Start of the day window holding {@code t}. */
    public long dayStart(long t) {
        if (t < cachedDayStart || t >= cachedDayEnd) {
            cacheDay(t);
        }
        return cachedDayStart;
    }

    /** End (exclusive) of the day window holding {@code t}. */
    public long dayEnd(long t) {
        if (t < cachedDayStart || t >= cachedDayEnd) {
            cacheDay(t);
        }
        return cachedDayEnd;
    }

    private void cacheDay(long t) {
        if (fixedOffset) {
            long offset = rules.getOffset(Instant.EPOCH).getTotalSeconds() * 1000L;
            long day = 24 * HOUR;
            cachedDayStart = Math.floorDiv(t + offset, day) * day - offset;
            cachedDayEnd = cachedDayStart + day;
            return;
        }
        LocalDate date = Instant.ofEpochMilli(t).atZone(zone).toLocalDate();
        cachedDayStart = date.atStartOfDay(zone).toInstant().toEpochMilli();
        cachedDayEnd = date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private long offsetMillis(long t) {
        ZoneOffset offset = fixedOffset ? rules.getOffset(Instant.EPOCH) : rules.getOffset(Instant.ofEpochMilli(t));
        return offset.getTotalSeconds() * 1000L;
    }
}
