package dev.releasewatch.evaluate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NAB data in the shared data directory, read in place: series, windows, profiles, published detectors' thresholds and
 * outputs. The data is third party and is never copied into the repository.
 *
 * <p>Three sets: {@linkplain #locate the six count series} ({@code nab/data}, the original subset), {@linkplain
 * #locateMore the 46 further series} ({@code nab/more/data}) and {@linkplain #locateAll all 52}. Profiles and
 * thresholds always come from {@code nab/config}.
 */
public final class NabDataset {

    /** System property naming the shared data directory; the build sets it for tests. */
    public static final String DATA_PROPERTY = "releasewatch.shared.data";

    /** Where the shared data directory is looked for when neither option nor property names one. */
    public static final Path DEFAULT_DATA_DIR = Paths.get("..", "shared", "data");

    private static final String WINDOWS_FILE = "labels/shared_windows.json";
    private static final String MORE_WINDOWS_FILE = "more/labels/more_windows.json";

    /** One directory of series: {@code data/}, {@code results/} and a windows file. */
    private record Part(Path dir, NabLabels labels) {}

    private final Path root;
    private final List<Part> parts;
    private final NabLabels labels;

    private NabDataset(Path root, List<Part> parts) {
        this.root = root;
        this.parts = List.copyOf(parts);
        Map<String, List<AnomalyWindow>> merged = new LinkedHashMap<>();
        for (Part part : parts) {
            for (String name : part.labels().seriesNames()) {
                merged.put(name, part.labels().windows(name));
            }
        }
        this.labels = new NabLabels(merged);
    }

    /**
     * Finds the six NAB count series. The directory is {@code dataDir} when given, else the system property
     * {@value #DATA_PROPERTY}, else {@code ../shared/data}; it may be the shared data directory (holding {@code nab/})
     * or the NAB directory itself.
     *
     * @param dataDir the directory given on the command line, or {@code null}
     * @throws IllegalStateException saying where it looked when the data is absent
     */
    public static NabDataset locate(Path dataDir) {
        Path nab = nabRoot(dataDir);
        return new NabDataset(nab, List.of(new Part(nab, NabLabels.read(nab.resolve(WINDOWS_FILE)))));
    }

    /** The 46 further series of {@code nab/more/}; found like {@link #locate}. */
    public static NabDataset locateMore(Path dataDir) {
        Path nab = nabRoot(dataDir);
        return new NabDataset(nab, List.of(moreOf(nab)));
    }

    /** All 52 series: the six, then the 46 of {@code more/}; found like {@link #locate}. */
    public static NabDataset locateAll(Path dataDir) {
        Path nab = nabRoot(dataDir);
        return new NabDataset(nab, List.of(new Part(nab, NabLabels.read(nab.resolve(WINDOWS_FILE))), moreOf(nab)));
    }

    /**
     * The set named {@code six}, {@code more} or {@code all}.
     *
     * @throws IllegalArgumentException for another name
     */
    public static NabDataset locate(Path dataDir, String set) {
        return switch (set) {
            case "six" -> locate(dataDir);
            case "more" -> locateMore(dataDir);
            case "all" -> locateAll(dataDir);
            default -> throw new IllegalArgumentException("set must be six, more or all: " + set);
        };
    }

    private static Part moreOf(Path nab) {
        Path windows = nab.resolve(MORE_WINDOWS_FILE);
        if (!Files.isRegularFile(windows)) {
            throw new IllegalStateException("NAB data not found: " + windows + " does not exist (absolute: "
                    + windows.toAbsolutePath().normalize() + ")");
        }
        return new Part(nab.resolve("more"), NabLabels.read(windows));
    }

    private static Path nabRoot(Path dataDir) {
        Path dir = dataDir != null
                ? dataDir
                : System.getProperty(DATA_PROPERTY) != null
                        ? Paths.get(System.getProperty(DATA_PROPERTY))
                        : DEFAULT_DATA_DIR;
        for (Path candidate : List.of(dir.resolve("nab"), dir)) {
            if (Files.isRegularFile(candidate.resolve(WINDOWS_FILE))) {
                return candidate;
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

    /** The labelled windows of every series in the set. */
    public NabLabels labels() {
        return labels;
    }

    /** Reads every labelled series, in the labels files' order. */
    public List<NabSeries> series() {
        List<NabSeries> series = new ArrayList<>();
        for (Part part : parts) {
            for (String name : part.labels().seriesNames()) {
                series.add(NabSeries.read(part.dir().resolve("data").resolve(name), name));
            }
        }
        return series;
    }

    /** NAB's scoring profiles by name, in file order (standard, reward_low_FP_rate, reward_low_FN_rate). */
    public Map<String, NabProfile> profiles() {
        return NabProfile.read(root.resolve("config/profiles.json"));
    }

    /** The published detectors' thresholds per profile. */
    public PublishedThresholds thresholds() {
        return PublishedThresholds.read(root.resolve("config/thresholds.json"));
    }

    /** The published detectors' outputs (only the detectors published for every series of the set). */
    public PublishedResults publishedResults() {
        return new PublishedResults(
                parts.stream().map(p -> p.dir().resolve("results")).toList());
    }
}
