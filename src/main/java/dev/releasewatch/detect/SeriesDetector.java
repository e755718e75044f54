package dev.releasewatch.detect;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The detector's statistics on an arbitrary count series, strictly online (the {@code evaluate} command, NAB-style series).
 *
 * <p>It is the feed engine's decision rule at a finer grain: an expectation {@code level x time-of-day share}, a negative
 * binomial whose dispersion is learned from the series, and a verdict on the sums of the last 1..{@value #MAX_SPAN} buckets that
 * needs BOTH a relative change and an improbable count. Like the feed engine it is incident-based: the score is high only on
 * the bucket that opens an incident (the "FIRING"), while the incident lasts the baseline stops learning (so a long anomaly is
 * not absorbed), and it ends when a few buckets are back within a band of the expectation or, after half a day, by accepting
 * the new level. This is what an operator wants (one page per incident) and also what window-based benchmarks such as NAB
 * reward.
 *
 * <p>A span must also outdo the recent extremes of the series: the second-highest of the daily maximum scores of the last 10
 * days. On bursty series, routine bursts are as improbable under any count model as real incidents, and only comparison with
 * the series' own recent extremes tells them apart; the runner-up rather than the maximum, so one freak burst does not blind
 * the detector for ten days.
 *
 * <p>The score is in [0, 1]: at or above 0.5 exactly on the buckets that open an incident ({@link Score#alert()}); below, a
 * rising function of the improbability of the most deviant span.
 */
public final class SeriesDetector implements OnlineSeriesScorer {

    /** Longest span of buckets judged together. */
    static final int MAX_SPAN = 6;
    private static final int PROFILE_SLOTS = 24;
    private static final double MIN_DISPERSION = 0.01;
    private static final double MIN_EXPECTED = 5;

    private final long bucketMillis;
    private final int bucketsPerDay;
    private final DirectionMode direction;
    private final double minScore;
    private final double minRelativeChange;

    private final double[] profile = new double[PROFILE_SLOTS];
    private final int[] profileSamples = new int[PROFILE_SLOTS];
    private double level = Double.NaN;
    private double dispersion = 0.1;
    private final long[] recent = new long[MAX_SPAN];
    private final double[] recentExpected = new double[MAX_SPAN];
    private int recentCount;
    private long seen;
    private boolean inIncident;
    private int incidentAge;
    private int calmBuckets;
    private double incidentLevelSum;
    private int incidentLevelN;
    /** Highest span score of each of the last memoryDays days, today last. */
    private final double[] dailyMaxScores;
    private long currentDay = Long.MIN_VALUE;
    private final double recordFactor;

    /**
     * @param bucket            the series' bucket size (e.g. 5 minutes); one day of buckets is the period of the time-of-day profile
     * @param direction         which deviations alert
     * @param maxPValue         tail probability a span needs to open an incident
     * @param minRelativeChange relative change a span needs to open an incident
     */
    public SeriesDetector(Duration bucket, DirectionMode direction, double maxPValue, double minRelativeChange) {
        this(bucket, direction, maxPValue, minRelativeChange, 10, 1.0);
    }

    /**
     * @param memoryDays   days of past scores an observation must outdo to open an incident (at least 2)
     * @param recordFactor how far it must outdo the runner-up of their daily maxima
     */
    SeriesDetector(Duration bucket, DirectionMode direction, double maxPValue, double minRelativeChange, int memoryDays,
            double recordFactor) {
        this.dailyMaxScores = new double[memoryDays];
        this.recordFactor = recordFactor;
        this.bucketMillis = bucket.toMillis();
        this.bucketsPerDay = (int) Math.max(1, Duration.ofDays(1).toMillis() / bucketMillis);
        this.direction = direction;
        this.minScore = -Math.log10(maxPValue);
        this.minRelativeChange = minRelativeChange;
    }

    /** The detector with the defaults tuned on count series: p &le; 1e-4 and a change of at least 50%. */
    public static SeriesDetector create(Duration bucket, DirectionMode direction) {
        return new SeriesDetector(bucket, direction, 1e-4, 0.5);
    }

    @Override
    public Score next(Instant time, double value) {
        long x = Math.max(0, Math.round(value));
        long day = Math.floorDiv(time.toEpochMilli(), 86_400_000L);
        if (currentDay != Long.MIN_VALUE && day != currentDay) {
            int shift = (int) Math.min(dailyMaxScores.length, day - currentDay);
            System.arraycopy(dailyMaxScores, shift, dailyMaxScores, 0, dailyMaxScores.length - shift);
            java.util.Arrays.fill(dailyMaxScores, dailyMaxScores.length - shift, dailyMaxScores.length, 0);
        }
        currentDay = day;
        // the runner-up of the daily maxima: one freak burst in the memory must not blind the detector for its whole length
        double[] sorted = dailyMaxScores.clone();
        java.util.Arrays.sort(sorted);
        double record = sorted[sorted.length - 2];
        int slot = (int) (time.atOffset(ZoneOffset.UTC).toLocalTime().toSecondOfDay() / (86_400 / PROFILE_SLOTS));
        boolean warm = seen >= 2L * bucketsPerDay && !Double.isNaN(level);
        double expected = warm ? Math.max(level * share(slot), 1e-9) : Double.NaN;
        push(x, expected);
        seen++;

        double best = 0;
        boolean opens = false;
        if (warm) {
            for (int k = 1; k <= recentCount; k++) {
                long obs = 0;
                double exp = 0;
                for (int i = recentCount - k; i < recentCount; i++) {
                    obs += recent[i];
                    exp += recentExpected[i];
                }
                if (Double.isNaN(exp) || exp < MIN_EXPECTED) {
                    continue;
                }
                Deviation d = Deviation.of(obs, exp, Math.max(MIN_DISPERSION, dispersion / Math.sqrt(k)));
                boolean wanted = d.relativeChange() < 0 ? direction.drops() : direction.spikes();
                if (wanted) {
                    best = Math.max(best, d.score());
                    opens |= !inIncident && d.exceeds(direction, minRelativeChange, minScore) && d.score() > recordFactor * record;
                }
            }
        }
        if (opens) {
            inIncident = true;
            incidentAge = 0;
            calmBuckets = 0;
            incidentLevelSum = 0;
            incidentLevelN = 0;
        } else if (inIncident) {
            followIncident(x, expected, slot);
        }
        if (!inIncident) {
            learn(x, expected, slot);
        }
        learnProfile(slot, x);
        // every score counts towards the record, an incident's too: on bursty series (tweets) yesterday's burst is what
        // today's must outdo (measured on NAB: excluding them tripled the false alarms)
        if (warm) {
            dailyMaxScores[dailyMaxScores.length - 1] = Math.max(dailyMaxScores[dailyMaxScores.length - 1], best);
        }
        double score = opens ? 0.5 + 0.5 * (1 - Math.exp(-(best - minScore) / minScore)) : 0.49 * Math.min(1, best / minScore);
        return new Score(score, opens);
    }

    /** Ends the incident when a few buckets are back near the expectation, or accepts the new level after half a day. */
    private void followIncident(long x, double expected, int slot) {
        incidentAge++;
        double ratio = x / expected;
        calmBuckets = Math.abs(ratio - 1) <= 0.3 ? calmBuckets + 1 : 0;
        incidentLevelSum += x / share(slot);
        incidentLevelN++;
        if (calmBuckets >= 3) {
            inIncident = false;
        } else if (incidentAge >= bucketsPerDay / 2) {
            level = incidentLevelSum / incidentLevelN;
            inIncident = false;
        }
    }

    private void learn(long x, double expected, int slot) {
        double normalised = x / share(slot);
        if (Double.isNaN(level)) {
            level = normalised;
            return;
        }
        // a quarter of a day of memory, and a clipped update so a single odd bucket moves it little
        double alpha = 4.0 / bucketsPerDay;
        double clipped = Math.max(level / 3, Math.min(level * 3, normalised));
        level += alpha * (clipped - level);
        if (!Double.isNaN(expected) && expected >= 1) {
            double d = x - expected;
            double term = Math.max(-1, Math.min(4, (d * d - expected) / (expected * expected)));
            dispersion += (1.0 / bucketsPerDay) * (term - dispersion);
        }
    }

    private void learnProfile(int slot, long x) {
        int n = profileSamples[slot];
        double alpha = Math.max(1.0 / (n + 1), 0.1 * PROFILE_SLOTS / bucketsPerDay);
        profile[slot] += alpha * (x - profile[slot]);
        profileSamples[slot] = n + 1;
    }

    /** Time-of-day factor of a slot (mean 1 over the day), flat until every slot has been seen. */
    private double share(int slot) {
        double sum = 0;
        for (int i = 0; i < PROFILE_SLOTS; i++) {
            if (profileSamples[i] == 0) {
                return 1;
            }
            sum += profile[i];
        }
        return sum > 0 ? Math.max(0.05, profile[slot] * PROFILE_SLOTS / sum) : 1;
    }

    private void push(long x, double expected) {
        if (recentCount == MAX_SPAN) {
            System.arraycopy(recent, 1, recent, 0, MAX_SPAN - 1);
            System.arraycopy(recentExpected, 1, recentExpected, 0, MAX_SPAN - 1);
            recentCount--;
        }
        recent[recentCount] = x;
        recentExpected[recentCount] = expected;
        recentCount++;
    }
}
