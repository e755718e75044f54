package dev.releasewatch.evaluate;

import java.time.Instant;
import java.util.List;

/**
 * A labelled anomaly window in time, both ends inclusive, as in NAB's {@code combined_windows.json}.
 *
 * @param start first instant of the window
 * @param end   last instant of the window
 */
public record AnomalyWindow(Instant start, Instant end) {

    /** Rejects a window that ends before it starts. */
    public AnomalyWindow {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("window ends before it starts: " + start + " .. " + end);
        }
    }

    /**
     * The rows of a series this window covers: those whose timestamp lies in [start, end].
     *
     * @param timestamps the series' timestamps, strictly increasing
     * @throws IllegalArgumentException when no row falls inside the window: NAB's rule has no meaning for it
     */
    public RowWindow toRows(List<Instant> timestamps) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < timestamps.size(); i++) {
            Instant t = timestamps.get(i);
            if (!t.isBefore(start) && !t.isAfter(end)) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        if (first < 0) {
            throw new IllegalArgumentException("no row inside window " + NabTimestampFormat.format(start) + " .. "
                    + NabTimestampFormat.format(end));
        }
        return new RowWindow(first, last);
    }
}
