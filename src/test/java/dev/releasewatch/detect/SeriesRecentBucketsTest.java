package dev.releasewatch.detect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesRecentBucketsTest {

    @Test
    void totalsCoverTheLastSpanOfBucketsAfterTheBufferWrapsAround() {
        SeriesRecentBuckets recent = new SeriesRecentBuckets(3);
        recent.push(1, 10);
        recent.push(2, 20);
        assertThat(recent.full()).isFalse();

        recent.push(4, 40);
        recent.push(8, 80);

        assertThat(recent.full()).isTrue();
        assertThat(recent.observedTotal(1)).isEqualTo(8);
        assertThat(recent.observedTotal(2)).isEqualTo(12);
        assertThat(recent.observedTotal(3)).as("the first bucket has left").isEqualTo(14);
        assertThat(recent.expectedTotal(3)).isEqualTo(140);
    }

    @Test
    void aTotalReachingBackIntoTheWarmUpIsNaN() {
        SeriesRecentBuckets recent = new SeriesRecentBuckets(3);
        recent.push(5, Double.NaN);
        recent.push(5, 3);
        recent.push(5, 4);

        assertThat(recent.expectedTotal(2)).isEqualTo(7);
        assertThat(recent.expectedTotal(3)).isNaN();
    }
}
