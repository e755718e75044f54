package dev.releasewatch.bench;

/**
 * What {@link LiveLatencyRun} measured.
 *
 * @param hours     latencies of the hour windows that closed, milliseconds
 * @param days      latencies of the day windows that closed, milliseconds
 * @param alerts    alerts read during the run
 * @param published announcements published (heartbeats not included)
 */
public record LiveLatencyReport(Latencies hours, Latencies days, long alerts, long published) {}
