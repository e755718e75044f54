package dev.releasewatch.evaluate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One series in NAB's CSV format: header {@code timestamp,value}, one row per bucket. Row indices are what NAB's
 * scoring works on, so rows are kept exactly as read, in file order: gaps are not filled, a repeated or out-of-order
 * timestamp is kept where it stands, and a missing value (empty, {@code NaN}, {@code null}, {@code NA}) is kept as
 * {@code NaN}. How the detector is fed such rows is {@link ScoredSeries#scoreOnline}'s rule.
 *
 * @param name       how the series is referred to; for NAB data the path under {@code data/}, e.g.
 *                   {@code realTweets/Twitter_volume_AAPL.csv}
 * @param timestamps the rows' timestamps, UTC
 * @param values     the rows' values, same length as {@code timestamps}
 */
public record NabSeries(String name, List<Instant> timestamps, double[] values) {

    /** Checks the rows are aligned. */
    public NabSeries {
        timestamps = List.copyOf(timestamps);
        if (timestamps.size() != values.length) {
            throw new IllegalArgumentException(
                    name + ": " + timestamps.size() + " timestamps but " + values.length + " values");
        }
    }

    /** Number of rows whose value is missing ({@code NaN}). */
    public int missingValues() {
        int missing = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                missing++;
            }
        }
        return missing;
    }

    /** Number of rows whose timestamp is not after the latest timestamp of the rows before it (repeated or late). */
    public int rowsNotAfterTheLatest() {
        int late = 0;
        Instant latest = null;
        for (Instant t : timestamps) {
            if (latest != null && !t.isAfter(latest)) {
                late++;
            } else {
                latest = t;
            }
        }
        return late;
    }

    /** Number of rows. */
    public int size() {
        return values.length;
    }

    /**
     * Reads a {@code timestamp,value} CSV file.
     *
     * @param file the CSV file
     * @param name the name the series is known by (see {@link #name()})
     * @throws IllegalArgumentException naming file and line when the content is malformed (no header, no comma, a
     *                                  timestamp that is not NAB's, a value that is neither a number nor a
     *                                  missing-value marker)
     */
    public static NabSeries read(Path file, String name) {
        List<Instant> timestamps = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null || !header.trim().equals("timestamp,value")) {
                throw new IllegalArgumentException(
                        file + ": expected header 'timestamp,value', found '" + header + "'");
            }
            String line;
            int lineNumber = 1;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                int comma = line.indexOf(',');
                if (comma < 0) {
                    throw new IllegalArgumentException(
                            file + ":" + lineNumber + ": expected 'timestamp,value', found '" + line + "'");
                }
                try {
                    timestamps.add(NabTimestampFormat.parse(line.substring(0, comma)));
                    values.add(value(line.substring(comma + 1).trim()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ":" + lineNumber + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read series " + file, e);
        }
        return new NabSeries(
                name,
                timestamps,
                values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** A value, or {@code NaN} for a missing one (empty, {@code NaN}, {@code null}, {@code NA}, any case). */
    private static double value(String text) {
        if (text.isEmpty()
                || text.equalsIgnoreCase("nan")
                || text.equalsIgnoreCase("null")
                || text.equalsIgnoreCase("na")) {
            return Double.NaN;
        }
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: '" + text + "'", e);
        }
        return Double.isInfinite(v) ? Double.NaN : v;
    }
}
