package dev.releasewatch.evaluate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * NAB's published detector outputs, laid out as {@code results/<detector>/<category>/<detector>_<file>.csv.gz}
 * with columns {@code timestamp,anomaly_score}, one row per row of the series.
 */
public final class PublishedResults {

    private final List<Path> resultsDirs;

    /** Reads outputs below {@code resultsDir} (NAB's {@code results/}). */
    public PublishedResults(Path resultsDir) {
        this(List.of(resultsDir));
    }

    /** Reads outputs below several {@code results/} directories; a series' file is taken from the first that has it. */
    public PublishedResults(List<Path> resultsDirs) {
        this.resultsDirs = List.copyOf(resultsDirs);
    }

    /** The detectors with a directory under every {@code results/}, sorted by name. */
    public List<String> detectors() {
        Set<String> common = null;
        for (Path resultsDir : resultsDirs) {
            try (Stream<Path> entries = Files.list(resultsDir)) {
                Set<String> here = entries.filter(Files::isDirectory)
                        .map(p -> p.getFileName().toString())
                        .collect(Collectors.toCollection(TreeSet::new));
                if (common == null) {
                    common = here;
                } else {
                    common.retainAll(here);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list published results in " + resultsDir, e);
            }
        }
        return common == null ? List.of() : List.copyOf(common);
    }

    /**
     * One detector's anomaly scores for one series, row by row.
     *
     * @throws IllegalArgumentException when the file's rows do not match the series' timestamps one to one,
     *                                  since NAB's rule works on row indices
     */
    public double[] anomalyScores(String detector, NabSeries series) {
        Path file = resultFile(detector, series.name());
        double[] scores = new double[series.size()];
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null || !header.startsWith("timestamp,anomaly_score")) {
                throw new IllegalArgumentException(
                        file + ": expected header 'timestamp,anomaly_score', found '" + header + "'");
            }
            int row = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (row >= scores.length
                        || !NabTimestampFormat.parse(fields[0])
                                .equals(series.timestamps().get(row))) {
                    throw new IllegalArgumentException(
                            file + ": row " + row + " (" + fields[0] + ") does not match series " + series.name());
                }
                scores[row++] = Double.parseDouble(fields[1]);
            }
            if (row != scores.length) {
                throw new IllegalArgumentException(
                        file + ": " + row + " rows, series " + series.name() + " has " + scores.length);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read published result " + file, e);
        }
        return scores;
    }

    private Path resultFile(String detector, String seriesName) {
        int slash = seriesName.lastIndexOf('/');
        String category = seriesName.substring(0, slash);
        String file = seriesName.substring(slash + 1);
        Path first = null;
        for (Path resultsDir : resultsDirs) {
            Path candidate = resultsDir.resolve(detector).resolve(category).resolve(detector + "_" + file + ".gz");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            first = first == null ? candidate : first;
        }
        return first;
    }
}
