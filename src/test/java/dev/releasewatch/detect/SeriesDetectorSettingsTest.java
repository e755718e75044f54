package dev.releasewatch.detect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SeriesDetectorSettings}: values that make no detector are refused, naming the parameter. */
class SeriesDetectorSettingsTest {

    @Test
    void aSpreadShareOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> SeriesDetectorSettings.DEFAULTS.withSpreadShare(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spreadShare");
        assertThatThrownBy(() -> SeriesDetectorSettings.DEFAULTS.withSpreadShare(-0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spreadShare");
        assertThatThrownBy(() -> SeriesDetectorSettings.DEFAULTS.withSpreadShare(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWithersChangeOnlyTheirOwnSetting() {
        SeriesDetectorSettings zero =
                SeriesDetectorSettings.DEFAULTS.withSpreadShare(0).withFalseAlarmProbability(1e-8);

        assertThat(zero.spreadShare()).isZero();
        assertThat(zero.withFalseAlarmProbability(1e-5).spreadShare()).isZero();
        assertThat(zero.withLevelMemory(32).withTailMemory(2016).withWinsorisedTails(false))
                .isEqualTo(new SeriesDetectorSettings(1e-8, 32, 2016, false, 0, 4));
        assertThat(SeriesDetectorSettings.DEFAULTS.spreadShare()).isEqualTo(0.5);
        assertThat(SeriesDetectorSettings.DEFAULTS.persistRows()).isEqualTo(4);
        assertThatThrownBy(() -> SeriesDetectorSettings.DEFAULTS.withPersistRows(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("persistRows");
    }
}
