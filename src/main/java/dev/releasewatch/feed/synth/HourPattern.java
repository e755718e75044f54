package dev.releasewatch.feed.synth;

/**
 * Relative activity of a section by hour of day (UTC). The shapes follow where the releasers live: the scene's
 * evening in Europe, US television airing overnight in UTC, music drops at midnight.
 */
public enum HourPattern {
    /** European evening peak, quiet European early morning. */
    EUROPE_EVENING(
            1.05, 0.95, 0.85, 0.75, 0.60, 0.50, 0.50, 0.55, 0.65, 0.75, 0.85, 0.95, 1.00, 1.05, 1.10, 1.15, 1.20, 1.25,
            1.30, 1.30, 1.25, 1.20, 1.15, 1.10),
    /** US prime time airs 00:00–05:00 UTC; releases follow within hours; a smaller UK/EU evening wave. */
    US_TV_NIGHT(
            1.30, 1.55, 1.75, 1.85, 1.80, 1.60, 1.30, 1.00, 0.75, 0.60, 0.55, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85,
            0.90, 0.95, 1.00, 1.05, 1.10, 1.20),
    /** Digital music lands at midnight, pre-tagged releases follow in the morning. */
    MUSIC_MIDNIGHT(
            2.20, 1.90, 1.40, 1.00, 0.80, 0.70, 0.75, 0.85, 0.95, 1.00, 1.00, 0.95, 0.90, 0.90, 0.90, 0.90, 0.90, 0.85,
            0.85, 0.85, 0.85, 0.85, 0.90, 1.15),
    /** Office hours in Europe and the US East Coast. */
    OFFICE_HOURS(
            0.55, 0.45, 0.40, 0.40, 0.45, 0.60, 0.80, 1.05, 1.30, 1.45, 1.50, 1.50, 1.45, 1.45, 1.45, 1.40, 1.35, 1.20,
            1.05, 0.95, 0.85, 0.75, 0.65, 0.60),
    /** No pattern. */
    FLAT(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);

    private final double[] shares;

    HourPattern(final double... weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        shares = new double[24];
        for (int h = 0; h < 24; h++) {
            shares[h] = weights[h] / sum;
        }
    }

    /**
     * @param hour 0–23, UTC
     * @return the fraction of a day's releases in that hour (the 24 shares sum to 1)
     */
    public double share(final int hour) {
        return shares[hour];
    }
}
