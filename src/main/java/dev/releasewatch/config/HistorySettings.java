package dev.releasewatch.config;

import java.time.Duration;

/**
 * How long the dashboard's count and alert history is kept, and where other instances reach this one.
 *
 * <p>The counts and alerts topics keep records for {@code topic.retention} of append time (30 days by default), too
 * short to compare this August with last year's; the history stores keep their own copy for a retention counted in
 * event time (window starts), so a replay of 2020 is kept as long as live data.
 *
 * @param dayRetention   daily counts and alert state changes older than this (before the newest window) are dropped
 *                       ({@code history.day-retention}, at least one day)
 * @param hourRetention  hourly counts older than this are dropped ({@code history.hour-retention}, at least one hour)
 * @param advertisedHost the host name other instances use to reach this instance's HTTP server, published to them as
 *                       Kafka Streams' {@code application.server} with the HTTP port ({@code http.advertised-host})
 */
public record HistorySettings(Duration dayRetention, Duration hourRetention, String advertisedHost) {

    /** Validates the values. */
    public HistorySettings {
        if (dayRetention.compareTo(Duration.ofDays(1)) < 0 || hourRetention.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException(
                    "history retentions must cover at least one window, got " + dayRetention + " and " + hourRetention);
        }
        if (advertisedHost.isBlank() || advertisedHost.contains(":") && !advertisedHost.startsWith("[")) {
            throw new IllegalArgumentException(
                    "advertised host must be a host name or address (IPv6 in brackets), got '" + advertisedHost + "'");
        }
    }
}
