package dev.releasewatch.detect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading the detector's settings, and that the defaults are the documented ones. */
class DetectorSettingsTest {

    /**
     * The parameter table of docs/detector.md is what users read: each default it states, set explicitly, must give
     * exactly the settings {@link DetectorSettings#defaults()} gives (a default changed in code but not in the guide,
     * or the other way round, fails here).
     */
    @Test
    void defaultsAreTheOnesTheDetectorGuideDocuments() throws IOException {
        Map<String, String> documented = documentedDefaults(Path.of("docs", "detector.md"));

        assertThat(documented).containsKeys("direction", "quiet-dates", "warmup-days", "level-shift-arl-days");
        documented.forEach((key, value) -> assertThat(
                        DetectorSettings.fromProperties(Map.of(DetectorSettings.PREFIX + key, value)))
                .as(key + " documented as " + value)
                .isEqualTo(DetectorSettings.defaults()));
        assertThat(DetectorSettings.fromProperties(Map.of("detector.quiet-dates", ""))
                        .quietDates())
                .isEmpty();
    }

    /** Rows {@code | `key` [/ `key`...] | default [/ default...] | meaning |} of the guide's "Parameters" table. */
    private static Map<String, String> documentedDefaults(Path guide) throws IOException {
        Map<String, String> defaults = new LinkedHashMap<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(guide)) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Parameters");
                continue;
            }
            if (!inSection || !line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String[] keys = cells[1].split(" / ");
            String[] values = cells[2].split(" / ");
            assertThat(values).as(line).hasSameSizeAs(keys);
            for (int i = 0; i < keys.length; i++) {
                String value = values[i].strip();
                int note = value.indexOf(" (");
                defaults.put(
                        keys[i].replace("`", "").strip(),
                        (note < 0 ? value : value.substring(0, note)).replace("`", ""));
            }
        }
        return defaults;
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
