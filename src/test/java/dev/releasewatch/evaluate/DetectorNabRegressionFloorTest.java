package dev.releasewatch.evaluate;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * <b>In-sample</b> regression floors: the default detector's NAB scores (standard profile, the alert flag, run as
 * {@code release-watch evaluate --direction both} runs it) on the series its defaults were chosen on, all 52 shared NAB
 * series. They are not evidence that the detector is good, only that a change did not make it worse on the data it was
 * fitted to; the out-of-sample figures are in {@link DetectorNabHeldOutFloorTest}. Floors are the measured scores
 * rounded down.
 *
 * <p>Reads the shared NAB data in place ({@code -Preleasewatch.shared.data}); fails naming the missing path when
 * absent.
 */
@Tag("evaluation")
class DetectorNabRegressionFloorTest {

    private static NabScore score(NabDataset dataset) {
        NabProfile standard = dataset.profiles().get(NabProfile.STANDARD);
        Map<String, ScoredSeries> ours = new NabComparison(dataset).runOnline(new DetectorScorerFactory());
        return new NabBenchmark(dataset).score(standard, s -> ours.get(s.name()).alerts());
    }

    private static double normalised(NabDataset dataset, NabScore score) {
        return score.normalised(dataset.profiles().get(NabProfile.STANDARD));
    }

    @Test
    void inSampleRegressionFloorOnAll52Series() {
        NabDataset all = NabDataset.locateAll(null);
        NabScore score = score(all);

        // measured with the defaults (p 1e-7, level 64, tail 4032, winsorised, spread 0.5, persist 4): 74.1,
        // TP/FN/FP 82/11/119 (round 3: 69.6; the detector before: 52.6)
        assertThat(score.windows()).isEqualTo(93);
        assertThat(normalised(all, score)).isGreaterThanOrEqualTo(73.5);
    }

    @Test
    void inSampleRegressionFloorOnTheSixCountSeries() {
        NabDataset six = NabDataset.locate(null);

        // measured: 83.1, TP/FN/FP 16/1/16 (round 3: 78.1; the detector before: 66.6; the one before, tuned on these
        // six alone: 81.1)
        assertThat(normalised(six, score(six))).isGreaterThanOrEqualTo(82.5);
    }

    @Test
    void inSampleRegressionFloorOnMore() {
        NabDataset more = NabDataset.locateMore(null);
        NabScore score = score(more);

        // measured: 72.1, TP/FN/FP 66/10/103 (round 3: 67.7); every one of the 46 series is scored, none refused
        assertThat(more.series()).hasSize(46);
        assertThat(normalised(more, score)).isGreaterThanOrEqualTo(71.5);
    }
}
