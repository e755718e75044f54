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

        // measured with the defaults (p 1e-8, level 64, tail 4032, winsorised): 69.6, TP/FN/FP 82/11/207
        // (the previous detector: 52.6)
        assertThat(score.windows()).isEqualTo(93);
        assertThat(normalised(all, score)).isGreaterThanOrEqualTo(69.0);
    }

    @Test
    void inSampleRegressionFloorOnTheSixCountSeries() {
        NabDataset six = NabDataset.locate(null);

        // measured: 78.1, TP/FN/FP 16/1/34 (the previous detector: 66.6; the one before, tuned on these six alone:
        // 81.1)
        assertThat(normalised(six, score(six))).isGreaterThanOrEqualTo(77.5);
    }

    @Test
    void inSampleRegressionFloorOnMore() {
        NabDataset more = NabDataset.locateMore(null);
        NabScore score = score(more);

        // measured: 67.7, TP/FN/FP 66/10/173; every one of the 46 series is scored, none refused
        assertThat(more.series()).hasSize(46);
        assertThat(normalised(more, score)).isGreaterThanOrEqualTo(67.0);
    }
}
