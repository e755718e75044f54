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
 * <p>Reads the shared NAB data in place; fails naming the missing path when absent. About two minutes.
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

        // measured: 50.2, TP/FN/FP 66/27/284 (in-sample with the defaults: 52.6)
        assertThat(result.total().normalised(standard)).isGreaterThanOrEqualTo(50.0);
    }

    @Test
    void heldOutFloorOnTheSixCountSeries() {
        NabScore six = result.heldOutTotal(NabDataset.locate(null).labels().seriesNames());

        // measured: 59.2, TP/FN/FP 16/1/97
        assertThat(six.windows()).isEqualTo(17);
        assertThat(six.normalised(standard)).isGreaterThanOrEqualTo(59.0);
    }

    @Test
    void heldOutFloorOnMore() {
        NabScore more = result.heldOutTotal(NabDataset.locateMore(null).labels().seriesNames());

        // measured: 48.2, TP/FN/FP 50/26/187
        assertThat(more.windows()).isEqualTo(76);
        assertThat(more.normalised(standard)).isGreaterThanOrEqualTo(48.0);
    }
}
