package dev.releasewatch.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatenciesTest {

    @Test
    void percentilesAreNearestRankSamples() {
        Latencies l = new Latencies(new long[] {900, 100, 300, 200, 500, 400, 800, 700, 600, 1000});
        assertThat(l.count()).isEqualTo(10);
        assertThat(l.percentile(0.5)).isEqualTo(500);
        assertThat(l.percentile(0.99)).isEqualTo(1000);
        assertThat(l.percentile(0.1)).isEqualTo(100);
        assertThat(l.percentile(0.11)).isEqualTo(200);
        assertThat(l.max()).isEqualTo(1000);
    }

    @Test
    void aSingleSampleIsEveryPercentile() {
        Latencies l = new Latencies(new long[] {42});
        assertThat(l.percentile(0.5)).isEqualTo(42);
        assertThat(l.percentile(0.99)).isEqualTo(42);
    }

    @Test
    void noSamplesHaveNoPercentile() {
        assertThatThrownBy(() -> new Latencies(new long[0]).percentile(0.5)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Latencies(new long[] {1}).percentile(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
