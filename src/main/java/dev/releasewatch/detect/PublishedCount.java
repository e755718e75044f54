package dev.releasewatch.detect;

import java.time.Instant;

import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.WindowCount;

/** The final count of one subject's window as published, with its expectation and band. */
final class PublishedCount {

    private PublishedCount() {}

    /**
     * The published count of one window, with the band of ordinary counts around the expectation: two standard
     * deviations of the count model the window was judged with ({@code dispersion}), so a chart shows how far from
     * expected a count may stray before it starts to look improbable.
     */
    static WindowCount of(
            SubjectState s,
            Granularity g,
            Instant start,
            Instant end,
            long count,
            Double expected,
            double dispersion,
            long[] nukes) {
        Double low = null;
        Double high = null;
        if (expected != null && expected > 0 && dispersion >= 0) {
            double spread = 2 * new NegativeBinomial(expected, dispersion).standardDeviation();
            low = Math.max(0, expected - spread);
            high = expected + spread;
        }
        return WindowCount.newBuilder()
                .setLow(low)
                .setHigh(high)
                .setNukes(nukes == null ? 0 : nukes[0])
                .setUnnukes(nukes == null ? 0 : nukes[1])
                .setScope(s.scope)
                .setSubject(s.subject)
                .setGranularity(g)
                .setWindowStart(start)
                .setWindowEnd(end)
                .setCount(count)
                .setExpected(expected)
                .build();
    }
}
