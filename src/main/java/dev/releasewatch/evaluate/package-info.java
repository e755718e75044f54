/**
 * The external benchmark: scoring the detector core on labelled third-party series (the Numenta Anomaly
 * Benchmark subset in {@code shared/data/nab}) with NAB's own scoring rule, next to NAB's published detectors.
 *
 * <p>The data is read in place and never copied into the repository. Everything here is offline: no Kafka
 * types, and the detector is reached only through {@link dev.releasewatch.detect.OnlineSeriesScorer}
 * created by a {@link dev.releasewatch.evaluate.SeriesScorerFactory}.
 */
package dev.releasewatch.evaluate;
