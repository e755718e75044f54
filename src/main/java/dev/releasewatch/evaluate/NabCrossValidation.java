package dev.releasewatch.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An out-of-sample NAB score: leave one series out. For each series, the candidate with the best score on the other
 * series is chosen and scored on the series left out; the held-out scores are summed and normalised like any NAB score.
 *
 * <p>Defaults tuned on the whole subset are in-sample: their score says how well they fit these labels. This says how
 * well the way they were chosen does on a series it did not see. Detections are the alert flag, as in the main table.
 */
public final class NabCrossValidation {

    /**
     * One setting of the detector to choose among.
     *
     * @param label   how the report names it
     * @param factory creates the detector with that setting
     */
    public record Candidate(String label, SeriesScorerFactory factory) {}

    /**
     * One held-out series.
     *
     * @param heldOut the series left out of the choice and scored
     * @param chosen  the label of the candidate chosen on the other series
     * @param score   the chosen candidate's score on the held-out series
     */
    public record Fold(String heldOut, String chosen, NabScore score) {}

    /**
     * The result.
     *
     * <p>The held-out total hinges on which candidate wins each fold, and with six series a win can turn on a fraction
     * of a window, so it jumps between neighbouring detectors. The candidates' own whole-subset scores say how flat the
     * ground around the defaults is: a rule whose worst neighbour is close to its best does not depend on a lucky
     * setting.
     *
     * @param folds           one per series, in the dataset's order
     * @param total           the sum of the held-out scores
     * @param candidateTotals each candidate's score on the whole subset (in-sample), in the candidates' order
     */
    public record Result(List<Fold> folds, NabScore total, List<NabScore> candidateTotals) {

        /** Copies the lists. */
        public Result {
            folds = List.copyOf(folds);
            candidateTotals = List.copyOf(candidateTotals);
        }

        /** The sum of the held-out scores of the series named in {@code names} (e.g. one part of the data). */
        public NabScore heldOutTotal(Set<String> names) {
            NabScore sum = NabScore.EMPTY;
            for (Fold fold : folds) {
                if (names.contains(fold.heldOut())) {
                    sum = sum.plus(fold.score());
                }
            }
            return sum;
        }
    }

    /**
     * A choice made on other series: the candidate best on a tuning set, scored on this set.
     *
     * @param chosen      the label of the candidate chosen
     * @param tuningScore its score on the tuning set (in-sample there)
     * @param score       its score on this set (out-of-sample when the sets share no series)
     */
    public record Transfer(String chosen, NabScore tuningScore, NabScore score) {}

    private final NabDataset dataset;
    private final NabProfile profile;

    /** Cross-validation on every labelled series of {@code dataset}, choosing and scoring under {@code profile}. */
    public NabCrossValidation(NabDataset dataset, NabProfile profile) {
        this.dataset = dataset;
        this.profile = profile;
    }

    /**
     * Chooses the candidate that scores best on {@code tuning} and scores it on this set: e.g. tuned on the six count
     * series, scored on the 46 of {@code more/}. Ties go to the earlier candidate.
     *
     * @param tuning     the series the choice is made on
     * @param candidates at least one
     */
    public Transfer tunedOn(NabDataset tuning, List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidates");
        }
        List<NabSeries> tuningSeries = tuning.series();
        Candidate best = null;
        NabScore bestScore = null;
        for (Candidate candidate : candidates) {
            NabScore score = scoreAll(tuning, tuningSeries, candidate);
            if (bestScore == null || score.raw() > bestScore.raw()) {
                best = candidate;
                bestScore = score;
            }
        }
        return new Transfer(best.label(), bestScore, scoreAll(dataset, dataset.series(), best));
    }

    private NabScore scoreAll(NabDataset set, List<NabSeries> series, Candidate candidate) {
        NabScorer scorer = new NabScorer(profile);
        NabScore total = NabScore.EMPTY;
        for (NabSeries one : series) {
            SeriesCadence cadence = SeriesCadence.infer(one.timestamps(), null);
            ScoredSeries scored =
                    ScoredSeries.scoreOnline(one, candidate.factory().create(cadence, SeriesScorerFactory.BOTH));
            total = total.plus(scorer.score(one, set.labels().windows(one.name()), scored.alerts()));
        }
        return total;
    }

    /**
     * Leaves each series out in turn. Ties go to the earlier candidate.
     *
     * @param candidates at least one
     */
    public Result leaveOneSeriesOut(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidates");
        }
        List<NabSeries> series = dataset.series();
        NabScore[][] scores = new NabScore[candidates.size()][series.size()];
        NabScorer scorer = new NabScorer(profile);
        for (int c = 0; c < candidates.size(); c++) {
            for (int s = 0; s < series.size(); s++) {
                NabSeries one = series.get(s);
                SeriesCadence cadence = SeriesCadence.infer(one.timestamps(), null);
                ScoredSeries scored = ScoredSeries.scoreOnline(
                        one, candidates.get(c).factory().create(cadence, SeriesScorerFactory.BOTH));
                scores[c][s] = scorer.score(one, dataset.labels().windows(one.name()), scored.alerts());
            }
        }
        List<Fold> folds = new ArrayList<>();
        NabScore total = NabScore.EMPTY;
        for (int heldOut = 0; heldOut < series.size(); heldOut++) {
            int best = 0;
            double bestRaw = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < candidates.size(); c++) {
                double raw = 0;
                for (int s = 0; s < series.size(); s++) {
                    raw += s == heldOut ? 0 : scores[c][s].raw();
                }
                if (raw > bestRaw) {
                    bestRaw = raw;
                    best = c;
                }
            }
            folds.add(new Fold(series.get(heldOut).name(), candidates.get(best).label(), scores[best][heldOut]));
            total = total.plus(scores[best][heldOut]);
        }
        List<NabScore> candidateTotals = new ArrayList<>();
        for (NabScore[] candidate : scores) {
            NabScore sum = NabScore.EMPTY;
            for (NabScore one : candidate) {
                sum = sum.plus(one);
            }
            candidateTotals.add(sum);
        }
        return new Result(folds, total, candidateTotals);
    }
}
