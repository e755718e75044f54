package dev.releasewatch.detect;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The detector's statistics on an arbitrary count series, strictly online (the {@code evaluate} command, NAB-style
 * series).
 *
 * <p>It is the feed engine's decision rule at a finer grain: an expectation {@code level x time-of-day share}, a
 * negative binomial whose dispersion is learned from the series, and a verdict on the total of the last span of buckets
 * (half an hour by default, see {@link SeriesDetectorSettings}) that needs BOTH a relative change and an improbable
 * count. Like the feed engine it is incident-based: the score is high only on the bucket that opens an incident (the
 * "FIRING"), while the incident lasts the baseline stops learning (so a long anomaly is not absorbed), and it ends when
 * a few buckets are back within a band of the expectation or, after half a day, by accepting the new level. This is
 * what an operator wants (one page per incident) and also what window-based benchmarks such as NAB reward.
 *
 * <p>A span must also outdo the series' recent extremes ({@link SeriesDailyExtremes}), measured as the log ratio of
 * observed to expected (each plus a pseudo-count). The log ratio rather than the improbability: improbability grows
 * with volume, so a burst of a busy hour would set a yardstick no quiet-hour surge could reach, and one huge incident
 * would hide the next for the whole memory; a ratio compares surges of different volume on one scale.
 *
 * <p>That size of change is not the log ratio of the one span but its mean over five spans ending now, from two thirds
 * to four thirds of the span (20 to 40 minutes by default). A single span length decides which bursts of a bursty
 * series are "the biggest", and which length wins differs between series and between neighbouring settings; the mean
 * over nearby lengths makes the verdict depend much less on that one choice (measured on the NAB subset: the score of
 * every neighbouring setting rises, most of all the worst ones, and the leave-one-series-out score rises with it). The
 * improbability gate stays on the span.
 *
 * <p>The score is in [0, 1]: at or above 0.5 exactly on the buckets that open an incident ({@link Score#alert()});
 * below, a rising function of the improbability of the span.
 */
public final class SeriesDetector implements OnlineSeriesScorer {

    private static final int PROFILE_SLOTS = 24;
    private static final double MIN_DISPERSION = 0.01;
    private static final double MIN_EXPECTED = 5;
    /** The spans whose log ratios are averaged, as fractions of the configured span: 20, 25, 30, 35, 40 min of 30. */
    private static final double[] SPAN_FRACTIONS = {2.0 / 3, 5.0 / 6, 1, 7.0 / 6, 4.0 / 3};

    private final int bucketsPerDay;
    private final int span;
    private final int[] changeSpans;
    private final DirectionMode direction;
    private final double minScore;
    private final double minRelativeChange;
    private final double pseudoCount;
    private final SeriesDailyExtremes extremes;

    private final double[] profile = new double[PROFILE_SLOTS];
    private final int[] profileSamples = new int[PROFILE_SLOTS];
    private double level = Double.NaN;
    private double dispersion = 0.1;
    private final SeriesRecentBuckets recent;
    private long seen;
    private boolean inIncident;
    private int incidentAge;
    private int calmBuckets;
    private double incidentLevelSum;
    private int incidentLevelN;

    /**
     * @param bucket    the series' bucket size (e.g. 5 minutes); one day of buckets is the period of the time-of-day
     * profile
     * @param direction which deviations alert
     * @param settings  the global parameters
     */
    public SeriesDetector(Duration bucket, DirectionMode direction, SeriesDetectorSettings settings) {
        this.bucketsPerDay = (int) Math.max(1, Duration.ofDays(1).toMillis() / bucket.toMillis());
        this.span = settings.spanBuckets(bucket);
        this.changeSpans = new int[SPAN_FRACTIONS.length];
        int longest = span;
        for (int i = 0; i < changeSpans.length; i++) {
            changeSpans[i] = (int) Math.max(1, Math.round(span * SPAN_FRACTIONS[i]));
            longest = Math.max(longest, changeSpans[i]);
        }
        this.direction = direction;
        this.minScore = -Math.log10(settings.maxPValue());
        this.minRelativeChange = settings.minRelativeChange();
        this.pseudoCount = settings.pseudoCount();
        this.extremes = new SeriesDailyExtremes(settings.memoryDays());
        this.recent = new SeriesRecentBuckets(longest);
    }

    /** The detector with the {@linkplain SeriesDetectorSettings#DEFAULTS default settings}. */
    public static SeriesDetector create(Duration bucket, DirectionMode direction) {
        return new SeriesDetector(bucket, direction, SeriesDetectorSettings.DEFAULTS);
    }

    @Override
    public Score next(Instant time, double value) {
        long x = Math.max(0, Math.round(value));
        extremes.advanceTo(Math.floorDiv(time.toEpochMilli(), 86_400_000L));
        int slot = time.atOffset(ZoneOffset.UTC).toLocalTime().toSecondOfDay() / (86_400 / PROFILE_SLOTS);
        boolean warm = seen >= 2L * bucketsPerDay && !Double.isNaN(level);
        double expected = warm ? Math.max(level * share(slot), 1e-9) : Double.NaN;
        recent.push(x, expected);
        seen++;

        double improbability = 0;
        boolean opens = false;
        if (warm && recent.full()) {
            long observed = recent.observedTotal(span);
            double expectedSum = recent.expectedTotal(span);
            double change = meanLogRatio();
            if (!Double.isNaN(change) && expectedSum >= MIN_EXPECTED) {
                // over-dispersion of a span total shrinks with its length, though less than for independent buckets
                // (bursts span several buckets): divided by sqrt(span) rather than by span
                Deviation d =
                        Deviation.of(observed, expectedSum, Math.max(MIN_DISPERSION, dispersion / Math.sqrt(span)));
                boolean wanted = d.relativeChange() < 0 ? direction.drops() : direction.spikes();
                if (wanted) {
                    improbability = d.score();
                    opens = !inIncident
                            && d.exceeds(direction, minRelativeChange, minScore)
                            && change > extremes.yardstick();
                    extremes.record(change);
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
        double score = opens
                ? 0.5 + 0.5 * (1 - Math.exp(-(improbability - minScore) / minScore))
                : 0.49 * Math.min(1, improbability / minScore);
        return new Score(score, opens);
    }

    /** The size of the change: |mean log ratio of observed to expected| over the change spans (NaN during warm-up). */
    private double meanLogRatio() {
        double sum = 0;
        for (int s : changeSpans) {
            sum += Math.log((recent.observedTotal(s) + pseudoCount) / (recent.expectedTotal(s) + pseudoCount));
        }
        return Math.abs(sum / changeSpans.length);
    }

    /**
     * Ends the incident when a few buckets are back near the expectation, or accepts the new level after half a day.
     */
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
}
