package dev.releasewatch.evaluate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a scored series as CSV {@code timestamp,value,anomaly_score,label}: NAB's result layout, with label 1
 * where the detector alerted and 0 elsewhere. Timestamps are written in NAB's format, UTC.
 */
public final class ScoredSeriesCsv {

    /** The header line. */
    public static final String HEADER = "timestamp,value,anomaly_score,label";

    private ScoredSeriesCsv() {}

    /** Writes {@code scored} to {@code file}, replacing it. */
    public static void write(ScoredSeries scored, Path file) {
        NabSeries series = scored.series();
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write(HEADER);
            writer.newLine();
            for (int i = 0; i < series.size(); i++) {
                writer.write(NabTimestampFormat.format(series.timestamps().get(i)) + "," + plain(series.values()[i])
                        + "," + plain(scored.anomalyScores()[i]) + "," + (scored.alerts()[i] ? 1 : 0));
                writer.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Plain decimal notation, no exponent, at most 9 decimals, no trailing zeros ({@code 104}, {@code 0.25}); {@code
     * NaN} for a missing value.
     */
    private static String plain(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        return BigDecimal.valueOf(value)
                .setScale(9, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }
}
