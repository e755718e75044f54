package dev.releasewatch.evaluate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NabSeriesTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadNabCsvWithUtcTimestamps() throws IOException {
        Path file = Files.writeString(
                dir.resolve("s.csv"), "timestamp,value\n2014-07-01 00:00:00,104\n2014-07-01 00:05:00,60.5\n");

        NabSeries series = NabSeries.read(file, "s");

        assertThat(series.timestamps())
                .containsExactly(Instant.parse("2014-07-01T00:00:00Z"), Instant.parse("2014-07-01T00:05:00Z"));
        assertThat(series.values()).containsExactly(104, 60.5);
    }

    @Test
    void shouldNameFileAndLineOfAMalformedRow() throws IOException {
        Path file = Files.writeString(
                dir.resolve("bad.csv"), "timestamp,value\n2014-07-01 00:00:00,1\n2014-07-01T00:05:00Z,2\n");

        assertThatThrownBy(() -> NabSeries.read(file, "bad")).hasMessageContaining("bad.csv:3");
    }

    @Test
    void shouldRejectAMissingHeader() throws IOException {
        Path noHeader = Files.writeString(dir.resolve("h.csv"), "2014-07-01 00:00:00,1\n");

        assertThatThrownBy(() -> NabSeries.read(noHeader, "h")).hasMessageContaining("expected header");
    }

    @Test
    void shouldKeepRepeatedAndOutOfOrderRowsInFileOrderAndMissingValuesAsNaN() throws IOException {
        // a repeated hour (daylight-saving change), a late row and three spellings of a missing value
        Path messy = Files.writeString(dir.resolve("m.csv"), """
                timestamp,value
                2014-11-02 01:00:00,1
                2014-11-02 01:00:00,2
                2014-11-02 00:55:00,3
                2014-11-02 01:05:00,
                2014-11-02 01:10:00,NaN
                2014-11-02 01:15:00,null
                """);

        NabSeries series = NabSeries.read(messy, "m");

        assertThat(series.size()).isEqualTo(6);
        assertThat(series.timestamps().get(2)).isEqualTo(Instant.parse("2014-11-02T00:55:00Z"));
        assertThat(series.rowsNotAfterTheLatest()).isEqualTo(2);
        assertThat(series.missingValues()).isEqualTo(3);
    }

    @Test
    void shouldStillNameTheLineOfAValueThatIsNoNumber() throws IOException {
        Path bad = Files.writeString(dir.resolve("v.csv"), "timestamp,value\n2014-07-01 00:00:00,twelve\n");

        assertThatThrownBy(() -> NabSeries.read(bad, "v"))
                .hasMessageContaining("v.csv:2")
                .hasMessageContaining("twelve");
    }

    @Test
    void shouldParseLabelTimestampsWithAFraction() {
        assertThat(NabTimestampFormat.parse("2015-03-03 04:37:53.000000"))
                .isEqualTo(Instant.parse("2015-03-03T04:37:53Z"));
        assertThat(NabTimestampFormat.format(Instant.parse("2015-03-03T04:37:53Z")))
                .isEqualTo("2015-03-03 04:37:53");
    }
}
