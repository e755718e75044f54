package dev.releasewatch.evaluate;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Proves {@link NabScorer} by reproducing the table of published detectors' standard-profile scores on the
 * NAB subset given in {@code shared/data/nab/README.md}. Needs the shared data (present in CI); fails, never
 * skips, when it is absent.
 */
@Tag("evaluation")
class PublishedDetectorsReproductionTest {

    private static NabBenchmark benchmark;
    private static NabProfile standard;

    @BeforeAll
    static void loadData() {
        NabDataset dataset = NabDataset.locate(null);
        benchmark = new NabBenchmark(dataset);
        standard = dataset.profiles().get(NabProfile.STANDARD);
    }

    @Test
    void shouldReadTheSubsetsSixSeriesAndSeventeenWindows() {
        assertThat(benchmark.series()).hasSize(6);
        assertThat(benchmark.series().stream().mapToInt(NabSeries::size).sum()).isEqualTo(83426 - 6);
        assertThat(NabDataset.locate(null).labels().windowCount()).isEqualTo(17);
    }

    @Test
    void shouldReadNabsThreeProfiles() {
        Map<String, NabProfile> profiles = NabDataset.locate(null).profiles();
        assertThat(profiles.values())
                .containsExactly(
                        new NabProfile("standard", 1.0, 0.11, 1.0),
                        new NabProfile("reward_low_FP_rate", 1.0, 0.22, 1.0),
                        new NabProfile("reward_low_FN_rate", 1.0, 0.11, 2.0));
    }

    @ParameterizedTest(name = "{0}: {1} with {2}/{3}/{4}")
    @CsvSource({
        "contextOSE, 86.9, 16, 1, 5",
        "ARTime, 82.2, 17, 0, 40",
        "earthgeckoSkyline, 74.1, 17, 0, 69",
        "numenta, 73.9, 15, 2, 31",
        "knncad, 73.4, 17, 0, 69",
        "htmjava, 70.1, 15, 2, 46",
        "twitterADVec, 65.6, 16, 1, 75",
        "numentaTM, 64.2, 14, 3, 47",
        "windowedGaussian, 55.1, 14, 3, 76",
        "relativeEntropy, 54.1, 11, 6, 17",
        "skyline, 48.4, 16, 1, 132",
        "randomCutForest, 48.3, 17, 0, 151",
        "random, 21.2, 9, 8, 78",
        "expose, 18.1, 8, 9, 71",
        "bayesChangePt, 16.9, 13, 4, 179",
        "null, 0.0, 0, 17, 0",
    })
    void shouldReproduceThePublishedStandardScoreOnTheSubset(
            String detector, double normalised, int tp, int fn, int fp) {
        NabScore score = benchmark.scorePublished(detector, standard);

        assertThat(score.normalised(standard)).isCloseTo(normalised, within(0.1));
        assertThat(score.windows()).isEqualTo(17);
        assertThat(score.truePositives()).isEqualTo(tp);
        assertThat(score.falseNegatives()).isEqualTo(fn);
        assertThat(score.falsePositives()).isEqualTo(fp);
    }
}
