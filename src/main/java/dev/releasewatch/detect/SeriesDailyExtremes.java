package dev.releasewatch.detect;

import java.util.Arrays;

/**
 * The highest change of each of the last few days of a series: the yardstick a new change must outdo to open an
 * incident.
 *
 * <p>On bursty series (tweet volumes, request counts) routine bursts are as improbable under any count model as real
 * incidents; only comparison with the series' own recent extremes tells them apart. The yardstick is the runner-up of
 * the daily maxima, not the maximum, so one freak burst does not blind the detector for the whole memory; and every
 * change counts, an incident's too, because on such series yesterday's burst is what today's must outdo.
 */
final class SeriesDailyExtremes {

    private final double[] dailyMaxima;
    private long currentDay = Long.MIN_VALUE;

    /** Extremes of the last {@code days} days (today included), at least 2. */
    SeriesDailyExtremes(int days) {
        if (days < 2) {
            throw new IllegalArgumentException("need at least 2 days: " + days);
        }
        this.dailyMaxima = new double[days];
    }

    /** Moves to {@code day} (days since the epoch, never decreasing): days that have left the memory are forgotten. */
    void advanceTo(long day) {
        if (currentDay != Long.MIN_VALUE && day > currentDay) {
            int shift = (int) Math.min(dailyMaxima.length, day - currentDay);
            System.arraycopy(dailyMaxima, shift, dailyMaxima, 0, dailyMaxima.length - shift);
            Arrays.fill(dailyMaxima, dailyMaxima.length - shift, dailyMaxima.length, 0);
        }
        currentDay = Math.max(currentDay, day);
    }

    /** What a change must exceed: the second-highest daily maximum in memory (0 while fewer than two days had one). */
    double yardstick() {
        double highest = 0;
        double second = 0;
        for (double max : dailyMaxima) {
            if (max > highest) {
                second = highest;
                highest = max;
            } else if (max > second) {
                second = max;
            }
        }
        return second;
    }

    /** Records a change seen today. */
    void record(double change) {
        int today = dailyMaxima.length - 1;
        dailyMaxima[today] = Math.max(dailyMaxima[today], change);
    }
}
