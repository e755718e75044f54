package dev.releasewatch.detect;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import dev.releasewatch.avro.Scope;

/**
 * Everything the engine remembers about one subject (a category, a group or the whole feed), kept small because there
 * are thousands of groups: daily counts of the last weeks with a flag per day, the hour-of-day profile and the last 24
 * hours (categories and the feed only), the open incident, and for categories the usual daily rate of each group.
 */
final class SubjectState {

    /** Day flag: the subject had an open incident that day, so the day says nothing about its normal level. */
    static final byte FLAG_INCIDENT = 1;
    /** Day flag: a configured quiet date, excluded from the baseline like an incident day. */
    static final byte FLAG_QUIET = 2;

    static final int HOURS = 24;
    /** Hours the level-shift test looks back (see {@link LevelShiftCusum}): three days. */
    static final int SHIFT_HOURS = 72;

    final Scope scope;
    final String subject;

    /**
     * Daily counts, oldest first; {@code dayCount} valid entries, the newest being local epoch day {@code newestDay}.
     */
    int[] days;

    byte[] dayFlags;
    int dayCount;
    long newestDay = Long.MIN_VALUE;
    long lastActiveDay = Long.MIN_VALUE;
    /** Days before this one do not count towards the level: set when a new level is learned or accepted. */
    long rebaseDay = Long.MIN_VALUE;

    /** Smoothed count per local hour of day; normalised when used, so only its shape matters. */
    float[] hourProfile = new float[HOURS];

    byte[] hourSamples = new byte[HOURS];
    /** Over-dispersion of single hours around their expectation, learned online. */
    float hourlyDispersion = 0.1f;
    /** The last 24 hourly counts and what was expected for each (NaN when there was no baseline), oldest first. */
    int[] recentHours = new int[HOURS];

    float[] recentExpected = new float[HOURS];
    int recentCount;
    long newestHour = Long.MIN_VALUE;

    /**
     * Categories only: the hours since the last incident, up to {@link #SHIFT_HOURS}, with their expectation and epoch
     * hour, oldest first; quiet dates are left out (their expectation is a rough guess).
     */
    int[] shiftHours = new int[SHIFT_HOURS];

    float[] shiftExpected = new float[SHIFT_HOURS];
    int[] shiftEpochHours = new int[SHIFT_HOURS];
    int shiftCount;

    Incident incident;

    /** Categories only: smoothed daily count of each group in the category, to name the groups that went missing. */
    Map<String, Float> groupRates = new TreeMap<>();

    /** Categories only: the summed rate of the groups beyond the {@link Contributors#MAX_GROUPS} kept. */
    float otherGroupsRate;

    /**
     * Groups only: the local epoch day the group must next be looked at even if it releases nothing ({@link
     * GroupSchedule}); {@link Long#MIN_VALUE} when it is not scheduled (a state written before schedules existed).
     */
    long dueDay = Long.MIN_VALUE;

    SubjectState(Scope scope, String subject, int historyDays) {
        this.scope = scope;
        this.subject = subject;
        this.days = new int[historyDays];
        this.dayFlags = new byte[historyDays];
    }

    /**
     * Appends the count of local epoch day {@code day}, filling skipped days with zeros (the topology delivers every
     * day).
     */
    void appendDay(long day, int count, byte flags) {
        if (newestDay != Long.MIN_VALUE) {
            for (long d = newestDay + 1; d < day; d++) {
                push(0, (byte) 0);
            }
        }
        push(count, flags);
        newestDay = day;
        if (count > 0) {
            lastActiveDay = day;
        }
    }

    private void push(int count, byte flags) {
        if (dayCount == days.length) {
            System.arraycopy(days, 1, days, 0, days.length - 1);
            System.arraycopy(dayFlags, 1, dayFlags, 0, dayFlags.length - 1);
            dayCount--;
        }
        days[dayCount] = count;
        dayFlags[dayCount] = flags;
        dayCount++;
    }

    /** Local epoch day of history entry {@code i}. */
    long dayAt(int i) {
        return newestDay - (dayCount - 1 - i);
    }

    /** Marks the newest day as part of an incident (or clears it). */
    void flagNewestDay(byte flag, boolean on) {
        if (dayCount > 0) {
            dayFlags[dayCount - 1] = (byte) (on ? dayFlags[dayCount - 1] | flag : dayFlags[dayCount - 1] & ~flag);
        }
    }

    /** Clears the incident flag of every day since {@code fromDay}: they become the new normal. */
    /** Marks the days since {@code fromDay} as incident days: an incident found by the hour started before today. */
    void flagIncidentSince(long fromDay) {
        for (int i = 0; i < dayCount; i++) {
            if (dayAt(i) >= fromDay) {
                dayFlags[i] |= FLAG_INCIDENT;
            }
        }
    }

    void clearIncidentFlagsSince(long fromDay) {
        for (int i = 0; i < dayCount; i++) {
            if (dayAt(i) >= fromDay) {
                dayFlags[i] &= ~FLAG_INCIDENT;
            }
        }
    }

    /** Appends one hour, resetting the recent hours when hours were skipped (the topology delivers every hour). */
    void appendHour(long epochHour, int count, float expected) {
        if (newestHour != Long.MIN_VALUE && epochHour != newestHour + 1) {
            recentCount = 0;
            shiftCount = 0;
        }
        if (recentCount == HOURS) {
            System.arraycopy(recentHours, 1, recentHours, 0, HOURS - 1);
            System.arraycopy(recentExpected, 1, recentExpected, 0, HOURS - 1);
            recentCount--;
        }
        recentHours[recentCount] = count;
        recentExpected[recentCount] = expected;
        recentCount++;
        newestHour = epochHour;
    }

    /** Appends one hour to the level-shift test's hours (after {@link #appendHour}, which clears them on a gap). */
    void appendShiftHour(int count, float expected, long epochHour) {
        if (shiftCount == SHIFT_HOURS) {
            System.arraycopy(shiftHours, 1, shiftHours, 0, SHIFT_HOURS - 1);
            System.arraycopy(shiftExpected, 1, shiftExpected, 0, SHIFT_HOURS - 1);
            System.arraycopy(shiftEpochHours, 1, shiftEpochHours, 0, SHIFT_HOURS - 1);
            shiftCount--;
        }
        shiftHours[shiftCount] = count;
        shiftExpected[shiftCount] = expected;
        shiftEpochHours[shiftCount] = (int) epochHour;
        shiftCount++;
    }

    /** Whether every hour of the day has been learned often enough for the profile to be trusted. */
    boolean hourProfileReady() {
        for (byte n : hourSamples) {
            if (n < 7) {
                return false;
            }
        }
        return true;
    }

    /** Share of a day's releases expected in local hour {@code hour}. */
    double hourShare(int hour) {
        double sum = 0;
        for (float v : hourProfile) {
            sum += v;
        }
        return sum > 0 ? hourProfile[hour] / sum : 1.0 / HOURS;
    }

    /** Learns one observed hour into the profile: a running mean for the first days, then exponential forgetting. */
    void learnHour(int hour, int count) {
        int n = hourSamples[hour];
        double alpha = Math.max(1.0 / (n + 1), 0.05);
        hourProfile[hour] += (float) (alpha * (count - hourProfile[hour]));
        hourSamples[hour] = (byte) Math.min(n + 1, 100);
    }

    boolean hasHourlyData() {
        return newestHour != Long.MIN_VALUE;
    }

    @Override
    public String toString() {
        return scope + "/" + subject + " days=" + Arrays.toString(Arrays.copyOf(days, dayCount));
    }
}
