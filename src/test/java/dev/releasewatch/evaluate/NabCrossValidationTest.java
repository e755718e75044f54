package dev.releasewatch.evaluate;

import java.util.List;

import dev.releasewatch.detect.OnlineSeriesScorer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link NabCrossValidation#tunedOn}: the choice is made on the tuning set alone and scored on the other. Two trivial
 * candidates (never alert; alert on every row) on the shared NAB data, read in place.
 */
@Tag("evaluation")
class NabCrossValidationTest {

    private static final NabCrossValidation.Candidate NEVER = new NabCrossValidation.Candidate(
            "never", (bucket, daily, weekly, direction) -> (time, value) -> new OnlineSeriesScorer.Score(0, false));
    private static final NabCrossValidation.Candidate ALWAYS = new NabCrossValidation.Candidate(
            "always", (bucket, daily, weekly, direction) -> (time, value) -> new OnlineSeriesScorer.Score(1, true));

    @Test
    void choosesOnTheTuningSetAndScoresOnTheOther() {
        NabDataset six = NabDataset.locate(null);
        NabDataset more = NabDataset.locateMore(null);
        NabProfile standard = six.profiles().get(NabProfile.STANDARD);

        NabCrossValidation.Transfer transfer =
                new NabCrossValidation(more, standard).tunedOn(six, List.of(ALWAYS, NEVER));

        // firing on every row costs far more in false alarms than the never-firing detector's misses
        assertThat(transfer.chosen()).isEqualTo("never");
        assertThat(transfer.tuningScore()).isEqualTo(new NabScore(-17, 17, 0, 17, 0));
        assertThat(transfer.score()).isEqualTo(new NabScore(-76, 76, 0, 76, 0));
    }
}
