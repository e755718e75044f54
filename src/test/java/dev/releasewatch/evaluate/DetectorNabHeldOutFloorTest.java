package dev.releasewatch.evaluate;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * <b>Out-of-sample</b> floors: leave one series out over all 52 shared NAB series. For each series, the setting of the
 * detector that scores best (standard profile) on the other 51 is chosen among the real settings grid ({@link
 * DetectorSettingsGrid}, the candidates the defaults were chosen among) and scored on the series left out. Each series'
 * score thus comes from a choice that did not see it. Floors are the measured figures rounded down.
 *
 * <p>Reads the shared NAB data in place; fails naming the missing path when absent. Several minutes (60 candidates).
 */
@Tag("evaluation")
class DetectorNabHeldOutFloorTest {

    private static NabProfile standard;
    private static NabCrossValidation.Result result;

    @BeforeAll
    static void crossValidate() {
        NabDataset all = NabDataset.locateAll(null);
        standard = all.profiles().get(NabProfile.STANDARD);
        List<NabCrossValidation.Candidate> grid = DetectorSettingsGrid.candidates();
        result = new NabCrossValidation(all, standard).leaveOneSeriesOut(grid);
    }

    @Test
    void heldOutFloorOnAll52SeriesChoosingAmongTheSettingsGrid() {
        assertThat(result.folds()).hasSize(52);
        NabScore sum =
                result.folds().stream().map(NabCrossValidation.Fold::score).reduce(NabScore.EMPTY, NabScore::plus);
        assertThat(result.total()).isEqualTo(sum);
        assertThat(result.total().windows()).isEqualTo(93);
        assertThat(result.candidateTotals())
                .hasSize(DetectorSettingsGrid.candidates().size());

        // measured: 68.8, TP/FN/FP 82/11/221 (in-sample with the defaults: 69.6; the previous detector: 50.2)
        assertThat(result.total().normalised(standard)).isGreaterThanOrEqualTo(68.5);
    }

    @Test
    void heldOutFloorOnTheSixCountSeries() {
        NabScore six = result.heldOutTotal(NabDataset.locate(null).labels().seriesNames());

        // measured: 75.4, TP/FN/FP 16/1/43 (the previous detector: 59.2)
        assertThat(six.windows()).isEqualTo(17);
        assertThat(six.normalised(standard)).isGreaterThanOrEqualTo(75.0);
    }

    @Test
    void heldOutFloorOnMore() {
        NabScore more = result.heldOutTotal(NabDataset.locateMore(null).labels().seriesNames());

        // measured: 67.3, TP/FN/FP 66/10/178 (the previous detector: 48.2)
        assertThat(more.windows()).isEqualTo(76);
        assertThat(more.normalised(standard)).isGreaterThanOrEqualTo(67.0);
    }
}
