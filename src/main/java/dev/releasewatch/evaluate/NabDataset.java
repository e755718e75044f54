package dev.releasewatch.evaluate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * The NAB subset in the shared data directory, read in place: series, windows, profiles, published
 * detectors' thresholds and outputs. The data is third party and is never copied into the repository.
 */
public final class NabDataset {

    /** System property naming the shared data directory; the build sets it for tests. */
    public static final String DATA_PROPERTY = "releasewatch.shared.data";

    /** Where the shared data directory is looked for when neither option nor property names one. */
    public static final Path DEFAULT_DATA_DIR = Paths.get("..", "shared", "data");

    private static final String WINDOWS_FILE = "labels/shared_windows.json";

    private final Path root;
    private final NabLabels labels;

    private NabDataset(Path root) {
        this.root = root;
        this.labels = NabLabels.read(root.resolve(WINDOWS_FILE));
    }

    /**
     * Finds the NAB subset. The directory is {@code dataDir} when given, else the system property
     * {@value #DATA_PROPERTY}, else {@code ../shared/data}; it may be the shared data directory (holding
     * {@code nab/}) or the NAB directory itself.
     *
     * @param dataDir the directory given on the command line, or {@code null}
     * @throws IllegalStateException saying where it looked when the data is absent
     */
    public static NabDataset locate(Path dataDir) {
        Path dir = dataDir != null
                ? dataDir
                : System.getProperty(DATA_PROPERTY) != null
                        ? Paths.get(System.getProperty(DATA_PROPERTY))
                        : DEFAULT_DATA_DIR;
        for (Path candidate : List.of(dir.resolve("nab"), dir)) {
            if (Files.isRegularFile(candidate.resolve(WINDOWS_FILE))) {
                return new NabDataset(candidate);
            }
        }
        throw new IllegalStateException(
                "NAB data not found: neither " + dir.resolve("nab").resolve(WINDOWS_FILE) + " nor "
                        + dir.resolve(WINDOWS_FILE) + " exists (absolute: "
                        + dir.toAbsolutePath().normalize()
                        + "). Give the shared data directory with --data DIR or -D" + DATA_PROPERTY + "=DIR.");
    }

    /** The NAB directory (holding {@code data/}, {@code labels/}, {@code results/}, {@code config/}). */
    public Path root() {
        return root;
    }

    /** The labelled windows of every series in the subset. */
    public NabLabels labels() {
        return labels;
    }

    /** Reads every labelled series, in the labels file's order. */
    public List<NabSeries> series() {
        return labels.seriesNames().stream()
                .map(name -> NabSeries.read(root.resolve("data").resolve(name), name))
                .toList();
    }

    /** NAB's scoring profiles by name, in file order (standard, reward_low_FP_rate, reward_low_FN_rate). */
    public Map<String, NabProfile> profiles() {
        return NabProfile.read(root.resolve("config/profiles.json"));
    }

    /** The published detectors' thresholds per profile. */
    public PublishedThresholds thresholds() {
        return PublishedThresholds.read(root.resolve("config/thresholds.json"));
    }

    /** The published detectors' outputs. */
    public PublishedResults publishedResults() {
        return new PublishedResults(root.resolve("results"));
    }
}
