package dev.releasewatch.evaluate;

/**
 * An anomaly window as the rows it covers, both inclusive: NAB scores positions in rows, not in time.
 *
 * @param first index of the window's first row (NAB's L)
 * @param last  index of the window's last row (NAB's R)
 */
public record RowWindow(int first, int last) {

    /** Rejects negative or reversed bounds. */
    public RowWindow {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("bad row window " + first + ".." + last);
        }
    }

    /** Number of rows covered, R - L + 1. */
    public int length() {
        return last - first + 1;
    }

    /** Whether row {@code i} lies inside. */
    public boolean contains(int i) {
        return i >= first && i <= last;
    }
}
