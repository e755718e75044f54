package dev.releasewatch.produce.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The ingest endpoint's Prometheus metrics. Names are public contract (dashboards use them); Prometheus adds the
 * {@code _total} suffix.
 */
public final class IngestMetrics {

    /**
     * Records per outcome: {@code accepted} (acknowledged by Kafka), {@code rejected} (invalid, or too large for
     * Kafka), {@code failed} (not acknowledged).
     */
    public static final String RECORDS = "releasewatch_ingest_records";
    /** Requests per HTTP status code. */
    public static final String REQUESTS = "releasewatch_ingest_requests";

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter rejected;
    private final Counter failed;

    /** Registers the metrics in {@code registry}. */
    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = records("accepted");
        this.rejected = records("rejected");
        this.failed = records("failed");
    }

    void records(long acceptedCount, long rejectedCount, long failedCount) {
        accepted.increment(acceptedCount);
        rejected.increment(rejectedCount);
        failed.increment(failedCount);
    }

    void request(int status) {
        // a handful of distinct codes (200, 400, 405, 413, 415, 503): bounded cardinality
        registry.counter(REQUESTS, "status", Integer.toString(status)).increment();
    }

    private Counter records(String outcome) {
        return Counter.builder(RECORDS)
                .tag("outcome", outcome)
                .description("Records received by the HTTP ingest endpoint")
                .register(registry);
    }
}
