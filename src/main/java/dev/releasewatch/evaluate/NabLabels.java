package dev.releasewatch.evaluate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The labelled anomaly windows of a set of series, read from a NAB windows file
 * ({@code {"realTweets/Twitter_volume_AAPL.csv": [["start", "end"], ...], ...}}).
 */
public final class NabLabels {

    private final Map<String, List<AnomalyWindow>> windowsBySeries;

    /** Holds the given windows; the map's order is the order series are reported in. */
    public NabLabels(Map<String, List<AnomalyWindow>> windowsBySeries) {
        this.windowsBySeries = new LinkedHashMap<>();
        windowsBySeries.forEach((series, windows) -> this.windowsBySeries.put(series, List.copyOf(windows)));
    }

    /** Reads a NAB windows file such as {@code labels/shared_windows.json}. */
    public static NabLabels read(Path windowsJson) {
        Map<String, List<List<String>>> raw;
        try {
            raw = new ObjectMapper()
                    .readValue(windowsJson.toFile(), new TypeReference<LinkedHashMap<String, List<List<String>>>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read NAB windows " + windowsJson, e);
        }
        Map<String, List<AnomalyWindow>> windows = new LinkedHashMap<>();
        raw.forEach((series, pairs) -> {
            List<AnomalyWindow> parsed = new ArrayList<>();
            for (List<String> pair : pairs) {
                if (pair.size() != 2) {
                    throw new IllegalArgumentException(
                            windowsJson + ": " + series + ": a window is [start, end], found " + pair);
                }
                parsed.add(new AnomalyWindow(
                        NabTimestampFormat.parse(pair.get(0)), NabTimestampFormat.parse(pair.get(1))));
            }
            windows.put(series, parsed);
        });
        return new NabLabels(windows);
    }

    /** The labelled series' names (paths under {@code data/}), in file order. */
    public Set<String> seriesNames() {
        return windowsBySeries.keySet();
    }

    /**
     * The windows of one series.
     *
     * @throws IllegalArgumentException when the series is not labelled here
     */
    public List<AnomalyWindow> windows(String seriesName) {
        List<AnomalyWindow> windows = windowsBySeries.get(seriesName);
        if (windows == null) {
            throw new IllegalArgumentException("no labels for series " + seriesName);
        }
        return windows;
    }

    /** Total number of windows over all series: W in NAB's normalisation. */
    public int windowCount() {
        return windowsBySeries.values().stream().mapToInt(List::size).sum();
    }
}
