package dev.releasewatch.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * NAB's scoring rule for one series under one profile, as specified in {@code shared/data/nab/README.md}
 * (which reproduces NAB's published scores): the earliest detection in a window earns up to A_TP depending on
 * how early it is, a window without one costs A_FN, and a detection outside every window costs up to A_FP,
 * less the closer it follows the window before it. Detections in the probationary period are ignored.
 */
public final class NabScorer {

    /** NAB ignores the first 15% of a series (at most 750 rows) while detectors learn. */
    private static final double PROBATION_FRACTION = 0.15;

    private static final int PROBATION_MAX_ROWS = 750;

    private final NabProfile profile;

    /** A scorer weighting outcomes by {@code profile}. */
    public NabScorer(NabProfile profile) {
        this.profile = profile;
    }

    /** NAB's scaled sigmoid: 2 / (1 + e^(5y)) - 1, and -1 beyond y = 3. */
    static double sigmoid(double y) {
        if (y > 3) {
            return -1;
        }
        return 2 / (1 + Math.exp(5 * y)) - 1;
    }

    /** Number of leading rows whose detections are ignored: min(floor(0.15 n), 750). */
    static int probationRows(int rowCount) {
        return (int) Math.min(Math.floor(PROBATION_FRACTION * rowCount), PROBATION_MAX_ROWS);
    }

    /**
     * Rows whose score is at least {@code threshold}: NAB's definition of a detection.
     */
    public static boolean[] detectionsAtOrAbove(double[] scores, double threshold) {
        boolean[] detections = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            detections[i] = scores[i] >= threshold;
        }
        return detections;
    }

    /**
     * Scores a series whose windows are given in time.
     *
     * @param series     the series (only its timestamps matter)
     * @param windows    its labelled windows
     * @param detections one flag per row
     */
    public NabScore score(NabSeries series, List<AnomalyWindow> windows, boolean[] detections) {
        List<RowWindow> rows =
                windows.stream().map(w -> w.toRows(series.timestamps())).toList();
        return score(series.size(), rows, detections);
    }

    /**
     * Scores one series.
     *
     * @param rowCount   n, the number of rows of the series
     * @param windows    its labelled windows as rows; they must not overlap
     * @param detections one flag per row: true where the detector fired
     */
    public NabScore score(int rowCount, List<RowWindow> windows, boolean[] detections) {
        if (detections.length != rowCount) {
            throw new IllegalArgumentException(detections.length + " detection flags for " + rowCount + " rows");
        }
        List<RowWindow> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparingInt(RowWindow::first));
        for (int k = 0; k < sorted.size(); k++) {
            RowWindow window = sorted.get(k);
            if (window.last() >= rowCount
                    || (k > 0 && window.first() <= sorted.get(k - 1).last())) {
                throw new IllegalArgumentException("windows must lie inside the series and not overlap: " + sorted);
            }
        }
        int probation = probationRows(rowCount);
        double raw = 0;
        int truePositives = 0;
        int falseNegatives = 0;
        int falsePositives = 0;
        int nextWindow = 0;
        RowWindow previousWindow = null;
        boolean currentWindowDetected = false;
        for (int i = 0; i < rowCount; i++) {
            while (nextWindow < sorted.size() && sorted.get(nextWindow).last() < i) {
                previousWindow = sorted.get(nextWindow);
                if (!currentWindowDetected) {
                    falseNegatives++;
                    raw -= profile.fnWeight();
                }
                currentWindowDetected = false;
                nextWindow++;
            }
            if (!detections[i] || i < probation) {
                continue;
            }
            RowWindow window =
                    nextWindow < sorted.size() && sorted.get(nextWindow).contains(i) ? sorted.get(nextWindow) : null;
            if (window != null) {
                if (!currentWindowDetected) {
                    currentWindowDetected = true;
                    truePositives++;
                    double position = -(double) (window.last() - i + 1) / window.length();
                    raw += profile.tpWeight() * sigmoid(position) / sigmoid(-1);
                }
            } else {
                falsePositives++;
                raw += profile.fpWeight() * falsePositiveWeight(previousWindow, i);
            }
        }
        for (; nextWindow < sorted.size(); nextWindow++) {
            if (!currentWindowDetected) {
                falseNegatives++;
                raw -= profile.fnWeight();
            }
            currentWindowDetected = false;
        }
        return new NabScore(raw, sorted.size(), truePositives, falseNegatives, falsePositives);
    }

    /**
     * The unweighted (negative) score of a false detection at row {@code i}: -1 before the first window, else
     * sigma((i - R) / (R - L)) after the latest window ending before it. NAB divides by R - L, which is zero for a
     * one-row window; such a detection is treated as infinitely far past it and costs the full -1.
     */
    private static double falsePositiveWeight(RowWindow previousWindow, int i) {
        if (previousWindow == null) {
            return -1;
        }
        int width = previousWindow.last() - previousWindow.first();
        if (width == 0) {
            return -1;
        }
        return sigmoid((double) (i - previousWindow.last()) / width);
    }
}
