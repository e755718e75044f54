package dev.releasewatch.produce.poll;

import io.micrometer.core.instrument.MeterRegistry;

/** The poller's Prometheus metrics (names are public contract; Prometheus adds {@code _total}). */
public final class PollMetrics {

    /** Items per outcome: {@code published}, {@code seen} (covered by the cursor), {@code rejected} (invalid item). */
    public static final String RECORDS = "releasewatch_poll_records";
    /**
     * Polls per outcome: {@code ok}, {@code failed}, {@code gap} (every item on the page was new: some may have been
     * missed).
     */
    public static final String POLLS = "releasewatch_polls";

    /** Live feed events: {@code connected}, {@code disconnected}, {@code frame}, {@code bad_frame}. */
    public static final String LIVE = "releasewatch_poll_live_events";

    private final MeterRegistry registry;

    /** Registers in {@code registry}. */
    public PollMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void records(String outcome, long n) {
        registry.counter(RECORDS, "outcome", outcome).increment(n);
    }

    void live(String event) {
        registry.counter(LIVE, "event", event).increment();
    }

    void poll(String outcome) {
        registry.counter(POLLS, "outcome", outcome).increment();
    }
}
