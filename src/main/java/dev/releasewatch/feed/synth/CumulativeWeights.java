package dev.releasewatch.feed.synth;

/** Draws an index from a table of cumulative weights, as the synthetic feeds draw cells, ranks and groups. */
final class CumulativeWeights {

    private CumulativeWeights() {}

    /**
     * The first index whose cumulative weight exceeds {@code u} (binary search), i.e. the index a uniform draw
     * {@code u} in {@code [0, cumulative[last])} falls in; the last index when none does.
     */
    static int index(final double[] cumulative, final double u) {
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            final int mid = (low + high) >>> 1;
            if (cumulative[mid] > u) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }
}
