package dev.releasewatch.detect;

import java.time.MonthDay;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DetectorSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        DetectorSettings s = DetectorSettings.defaults();
        assertThat(s.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(s.direction()).isEqualTo(DirectionMode.DROP);
        assertThat(s.quietDates())
                .containsExactlyInAnyOrder(
                        MonthDay.of(12, 24),
                        MonthDay.of(12, 25),
                        MonthDay.of(12, 26),
                        MonthDay.of(12, 31),
                        MonthDay.of(1, 1));
        assertThat(DetectorSettings.fromProperties(Map.of("detector.quiet-dates", ""))
                        .quietDates())
                .isEmpty();
        assertThat(s.earlyZeroMinExpected()).isEqualTo(10);
        assertThat(s.warmupDays()).isEqualTo(14);
        assertThat(s.newLevelDays()).isEqualTo(28);
    }

    @Test
    void readsPrefixedKeys() {
        DetectorSettings s = DetectorSettings.fromProperties(Map.of(
                "detector.zone", "Europe/Berlin",
                "detector.direction", "both",
                "detector.quiet-dates", "12-24, 12-25,01-01",
                "detector.min-expected-daily", "50",
                "kafka.bootstrap.servers", "ignored:9092"));
        assertThat(s.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(s.direction()).isEqualTo(DirectionMode.BOTH);
        assertThat(s.quietDates())
                .containsExactlyInAnyOrder(MonthDay.of(12, 24), MonthDay.of(12, 25), MonthDay.of(1, 1));
        assertThat(s.minExpectedDaily()).isEqualTo(50);
    }

    @Test
    void invalidValuesNameTheirKey() {
        assertThatThrownBy(() -> DetectorSettings.fromProperties(Map.of("detector.min-expected-daily", "abc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("detector.min-expected-daily: must be a positive number, got 'abc'");
        assertThatThrownBy(() -> DetectorSettings.fromProperties(Map.of("detector.direction", "sideways")))
                .hasMessageStartingWith("detector.direction:");
        assertThatThrownBy(() -> DetectorSettings.fromProperties(Map.of("detector.zone", "Mars/Olympus")))
                .hasMessageStartingWith("detector.zone:");
        assertThatThrownBy(() -> DetectorSettings.fromProperties(Map.of("detector.quiet-dates", "24.12.")))
                .hasMessageStartingWith("detector.quiet-dates:");
        assertThatThrownBy(() -> DetectorSettings.fromProperties(Map.of("detector.max-p-value", "2")))
                .hasMessageStartingWith("detector.max-p-value:");
        assertThatThrownBy(() -> DetectorSettings.fromProperties(Map.of("detector.forget-after-days", "10")))
                .hasMessageStartingWith("detector.forget-after-days:");
        assertThatThrownBy(() -> DetectorSettings.fromProperties(Map.of("detector.warmup-dayz", "10")))
                .hasMessageStartingWith("detector.warmup-dayz:");
    }
}
