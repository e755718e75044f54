package dev.releasewatch.detect;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The detector for one arbitrary series (counts or any measurement), strictly online: the {@code evaluate} command and
 * NAB.
 *
 * <p>Per row:
 *
 * <ol>
 *   <li><b>Expectation.</b> Two robust models are kept side by side: a level (exponentially weighted, memory {@link
 *       SeriesDetectorSettings#levelMemory()} rows), and a level plus an hour-of-day profile (when the rows are an hour
 *       or finer, each hour's offset remembering about three days). The expectation is the model whose recent mean
 *       absolute error is the smaller: a series with a daily cycle gets the profile, one without keeps the plain level,
 *       and the data decides which.
 *   <li><b>Surprise.</b> The residual over a robust scale (the model's recent mean absolute error, updates clipped at
 *   five times it, so one outlier does not inflate it; at least 1% of the series' typical magnitude, so a flat series
 *   is not infinitely sensitive) is a z-score. Its sums over the last 1, 3, 9 and 27 rows, over the square root of
 *   the span, are judged: one row for spikes and drops, the longer spans for level shifts too small to show in one
 *   row.
 *   <li><b>Threshold as a probability.</b> Each span's statistic is compared, rises and falls apart, with the level it
 *       exceeds with probability {@link SeriesDetectorSettings#falseAlarmProbability()} / (4 spans x the directions
 *       wanted) per row, learned from the series' own recent values by an extreme-value (generalised Pareto) fit of
 *       their upper tail ({@link SeriesTail}): what is routine on a bursty series is not an incident, and the threshold
 *       means the same false-alarm rate on every series. Rises and falls have tails of their own: a series that bursts
 *       upwards routinely is not thereby deaf to a drop, nor a series that dips often to a surge.
 *   <li><b>New extremes.</b> A value beyond every value seen so far by more than 5% of their range (after 200 rows) is
 *       an alert too, even inside an open incident: numenta's "spatial anomaly" rule in NAB, with its tolerance. A
 *       stationary series makes a new record ever more rarely (row n is the largest so far with probability 1/n), so a
 *       clear one is news whatever the tails say, and a tail fitted on bursts cannot learn a level it has never seen.
 *   <li><b>Spread.</b> A span longer than one row counts only when its deviation is spread over it: each third of
 *       the span holds, in the deviation's direction, more than {@link SeriesDetectorSettings#spreadShare()} of an
 *       even third ({@link SeriesRecentZ#spread}). A longer span is there for a shift too small to show in fewer rows;
 *       a burst the shorter spans judged and let pass is not such a shift, though it weighs in the longer sum while the
 *       span holds it.
 *   <li><b>Persistence.</b> A span of 9 or 27 rows counts only once it has been over its level for {@link
 *       SeriesDetectorSettings#persistRows()} consecutive rows: a level shift persists, a long sum that crosses its
 *       level for a row or two does not.
 *   <li><b>Incidents.</b> A row opens an incident when a span in a wanted direction exceeds its level (spread and,
 *       for the long spans, persisting) and no incident is open; the score is then at least 0.5 and the row is an
 *       alert. The incident stays open (no further alert but a new extreme) until every span has been back below its
 *       routine (top 2%) level for 27 rows (the longest span), or for at most four level memories: by then the
 *       expectation has learned any new level. One page per incident, which is also what window-based benchmarks
 *       such as NAB reward.
 * </ol>
 *
 * <p>The score is in [0, 1]: at or above 0.5 exactly on the rows that open an incident ({@link Score#alert()}); below,
 * the largest ratio of a span's statistic (in a wanted direction) to its level, times 0.49.
 */
public final class SeriesDetector implements OnlineSeriesScorer {

    /**
     * The spans judged, in rows: one row for spikes and drops, and spans growing by a factor of 3 for level shifts too
     * small to show in one row. The longest stays well below the default level memory (64 rows), so a shift is judged
     * before the expectation absorbs it.
     */
    static final int[] SPANS = {1, 3, 9, 27};

    private static final int LONGEST = SeriesRecentZ.CAPACITY;
    /** The shortest span that must persist over its level ({@link SeriesDetectorSettings#persistRows()}). */
    private static final int PERSIST_FROM_SPAN = 9;

    private static final int HOURS = 24;
    private static final double PROFILE_DAYS = 3;
    private static final double CLIP = 5;
    private static final double MIN_RELATIVE_SCALE = 0.01;
    /** Mean absolute error to standard deviation, for normal errors: sqrt(pi / 2). */
    private static final double MAE_TO_SD = Math.sqrt(Math.PI / 2);
    /** How far beyond the range seen so far a value must lie to be a new extreme: numenta's spatial tolerance. */
    private static final double RECORD_TOLERANCE = 0.05;
    /** The score ratio a new extreme counts as: just above every level. */
    private static final double RECORD_WORST = 1.0001;

    private final DirectionMode direction;
    private final double alpha;
    private final double profileAlpha;
    private final boolean seasonal;
    private final int maxIncidentRows;
    private final double spreadShare;
    private final int persistRows;
    /** Per span, the consecutive rows its rise statistic has been over its level. */
    private final int[] spikeRunsOver = new int[SPANS.length];
    /** Per span, the consecutive rows its fall statistic has been over its level. */
    private final int[] dropRunsOver = new int[SPANS.length];

    private final SeriesTail[] spikeTails = new SeriesTail[SPANS.length];
    private final SeriesTail[] dropTails = new SeriesTail[SPANS.length];

    private long seen;
    private double flatLevel = Double.NaN;
    private double flatError = Double.NaN;
    private double seasonalLevel = Double.NaN;
    private double seasonalError = Double.NaN;
    private final double[] profile = new double[HOURS];
    private final int[] profileSamples = new int[HOURS];
    private double magnitude = Double.NaN;
    private double lowest = Double.POSITIVE_INFINITY;
    private double highest = Double.NEGATIVE_INFINITY;
    private final SeriesRecentZ recent = new SeriesRecentZ();
    private boolean inIncident;
    private int incidentAge;
    private int calmRows;

    /**
     * @param bucket    the series' row width (e.g. 5 minutes); the hour-of-day profile is kept when it is an hour or
     *                  less
     * @param direction which deviations alert
     * @param settings  the global parameters
     */
    public SeriesDetector(Duration bucket, DirectionMode direction, SeriesDetectorSettings settings) {
        this.direction = direction;
        this.alpha = 1.0 / settings.levelMemory();
        this.seasonal = bucket.compareTo(Duration.ofHours(1)) <= 0;
        double rowsPerHour = Math.max(1, (double) Duration.ofHours(1).toMillis() / bucket.toMillis());
        this.profileAlpha = 1 / (PROFILE_DAYS * rowsPerHour);
        this.maxIncidentRows = 4 * settings.levelMemory();
        this.spreadShare = settings.spreadShare();
        this.persistRows = settings.persistRows();
        int directions = (direction.spikes() ? 1 : 0) + (direction.drops() ? 1 : 0);
        double perTail = settings.falseAlarmProbability() / (SPANS.length * Math.max(1, directions));
        for (int i = 0; i < SPANS.length; i++) {
            spikeTails[i] = new SeriesTail(perTail, settings.tailMemory(), settings.winsorisedTails());
            dropTails[i] = new SeriesTail(perTail, settings.tailMemory(), settings.winsorisedTails());
        }
    }

    /** The detector with the {@linkplain SeriesDetectorSettings#DEFAULTS default settings}. */
    public static SeriesDetector create(Duration bucket, DirectionMode direction) {
        return new SeriesDetector(bucket, direction, SeriesDetectorSettings.DEFAULTS);
    }

    @Override
    public Score next(Instant time, double x) {
        if (!Double.isFinite(x)) {
            return new Score(0, false);
        }
        int hour = time.atOffset(ZoneOffset.UTC).getHour();
        boolean profileReady = seasonal && profileComplete();
        boolean useSeasonal = profileReady && seasonalError < flatError;
        double expected = useSeasonal ? seasonalLevel + profile[hour] : flatLevel;
        double error = useSeasonal ? seasonalError : flatError;

        double score = 0;
        boolean opens = false;
        if (!Double.isNaN(expected) && !Double.isNaN(error) && seen >= LONGEST) {
            double scale = Math.max(error * MAE_TO_SD, MIN_RELATIVE_SCALE * magnitude);
            if (scale <= 0) {
                scale = Double.MIN_NORMAL;
            }
            recent.push((x - expected) / scale);
            double worst = 0;
            boolean exceeds = false;
            boolean calm = true;
            double[] statistics = new double[SPANS.length];
            for (int i = 0; i < SPANS.length; i++) {
                if (recent.count() < SPANS[i]) {
                    continue;
                }
                double statistic = recent.statistic(SPANS[i]);
                boolean drop = statistic < 0;
                SeriesTail tail = drop ? dropTails[i] : spikeTails[i];
                double level = tail.level();
                double size = Math.abs(statistic);
                calm &= size <= tail.routine();
                boolean wanted = drop ? direction.drops() : direction.spikes();
                int[] over = drop ? dropRunsOver : spikeRunsOver;
                (drop ? spikeRunsOver : dropRunsOver)[i] = 0;
                over[i] = size > level ? over[i] + 1 : 0;
                boolean persists = SPANS[i] < PERSIST_FROM_SPAN || over[i] >= persistRows;
                if (wanted && Double.isFinite(level)) {
                    worst = Math.max(worst, size / level);
                    exceeds |= size > level && persists && recent.spread(SPANS[i], spreadShare);
                }
                statistics[i] = statistic;
            }
            boolean record = isRecord(x);
            if (record) {
                worst = Math.max(worst, RECORD_WORST);
            }
            opens = (exceeds && !inIncident) || record;
            for (int i = 0; i < SPANS.length; i++) {
                if (recent.count() >= SPANS[i]) {
                    spikeTails[i].add(Math.max(0, statistics[i]));
                    dropTails[i].add(Math.max(0, -statistics[i]));
                }
            }
            if (opens) {
                inIncident = true;
                incidentAge = 0;
                calmRows = 0;
            } else if (inIncident) {
                incidentAge++;
                calmRows = calm ? calmRows + 1 : 0;
                if (calmRows >= LONGEST || incidentAge >= maxIncidentRows) {
                    inIncident = false;
                }
            }
            score = opens ? 0.5 + 0.5 * (1 - 1 / worst) : 0.49 * Math.min(1, worst);
        }
        learn(x, hour);
        lowest = Math.min(lowest, x);
        highest = Math.max(highest, x);
        seen++;
        return new Score(score, opens);
    }

    /**
     * Whether {@code x}, in a wanted direction, lies beyond every value seen so far by more than {@value
     * #RECORD_TOLERANCE} of their range, once {@link SeriesTail#MIN_VALUES} rows are known.
     */
    private boolean isRecord(double x) {
        if (seen < SeriesTail.MIN_VALUES) {
            return false;
        }
        double margin = RECORD_TOLERANCE * (highest - lowest);
        return (direction.spikes() && x > highest + margin) || (direction.drops() && x < lowest - margin);
    }

    private boolean profileComplete() {
        for (int samples : profileSamples) {
            if (samples < 2) {
                return false;
            }
        }
        return true;
    }

    private void learn(double x, int hour) {
        if (Double.isNaN(flatLevel)) {
            flatLevel = x;
            seasonalLevel = x;
            magnitude = Math.abs(x);
            return;
        }
        magnitude += alpha * (Math.abs(x) - magnitude);
        // the flat model
        double flatResidual = x - flatLevel;
        flatError = updateError(flatError, flatResidual);
        flatLevel += alpha * clip(flatResidual, flatError);
        // the level-plus-profile model
        double offset = profileSamples[hour] == 0 ? 0 : profile[hour];
        double seasonalResidual = x - seasonalLevel - offset;
        if (profileComplete()) {
            seasonalError = updateError(seasonalError, seasonalResidual);
        }
        seasonalLevel += alpha * clip(seasonalResidual, Double.isNaN(seasonalError) ? flatError : seasonalError);
        double target = x - seasonalLevel;
        int n = profileSamples[hour];
        profile[hour] += Math.max(1.0 / (n + 1), profileAlpha) * (target - profile[hour]);
        profileSamples[hour] = n + 1;
    }

    private double updateError(double error, double residual) {
        double size = Math.abs(residual);
        if (Double.isNaN(error)) {
            return size;
        }
        return error + alpha * (Math.min(size, CLIP * error + MIN_RELATIVE_SCALE * magnitude) - error);
    }

    /** A residual clipped to five times the error, so one outlier moves the level little. */
    private static double clip(double residual, double error) {
        if (Double.isNaN(error) || error <= 0) {
            return residual;
        }
        double bound = CLIP * error;
        return Math.max(-bound, Math.min(bound, residual));
    }
}
