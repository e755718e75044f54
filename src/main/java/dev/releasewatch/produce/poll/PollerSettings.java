package dev.releasewatch.produce.poll;

import java.net.URI;
import java.time.Duration;

/**
 * What a poller polls and how.
 *
 * @param pollerId       identity of the poller: key of its cursor and base of its transactional id, so a new
 *                       instance with the same id resumes the cursor and fences an old one still running
 * @param url            the API URL
 * @param interval       time between the starts of two polls
 * @param mapping        where the releases are in a response
 * @param cursorTopic    compacted topic holding the cursors
 * @param heartbeatClock which time heartbeats carry
 * @param liveLag        a feed is live when its newest item is within this of the wall clock ({@code
 * watermark.live-lag})
 * @param requestTimeout timeout of one HTTP request
 * @param maxResponseBytes larger responses fail the poll instead of exhausting memory
 * @param dialect        the API's envelope and nuke format
 * @param requestsPerMinute most HTTP requests per minute to the API (its rate limit); 0 = no limit
 * @param liveUrl        the API's live WebSocket feed, or null to poll only
 */
public record PollerSettings(
        String pollerId,
        URI url,
        Duration interval,
        FieldMapping mapping,
        String cursorTopic,
        HeartbeatClock heartbeatClock,
        Duration liveLag,
        Duration requestTimeout,
        int maxResponseBytes,
        FeedDialect dialect,
        int requestsPerMinute,
        URI liveUrl) {

    /** Default cursor topic. */
    public static final String DEFAULT_CURSOR_TOPIC = "release-poller-cursors";

    /** Validates the values. */
    public PollerSettings {
        if (pollerId == null || pollerId.isBlank() || pollerId.length() > 200) {
            throw new IllegalArgumentException("poller id must be 1..200 characters");
        }
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("--url must be an http or https URL, got " + url);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        if (requestsPerMinute < 0) {
            throw new IllegalArgumentException("--rate-limit must be 0 (none) or positive, got " + requestsPerMinute);
        }
        if (liveUrl != null && !("ws".equals(liveUrl.getScheme()) || "wss".equals(liveUrl.getScheme()))) {
            throw new IllegalArgumentException("--live-url must be a ws or wss URL, got " + liveUrl);
        }
    }

    /** A generic API: no envelope, no rate limit, no live feed. */
    public PollerSettings(
            String pollerId,
            URI url,
            Duration interval,
            FieldMapping mapping,
            String cursorTopic,
            HeartbeatClock heartbeatClock,
            Duration liveLag,
            Duration requestTimeout,
            int maxResponseBytes) {
        this(
                pollerId,
                url,
                interval,
                mapping,
                cursorTopic,
                heartbeatClock,
                liveLag,
                requestTimeout,
                maxResponseBytes,
                FeedDialect.GENERIC,
                0,
                null);
    }

    /** Least time between two requests to the API, from {@link #requestsPerMinute()}; zero without a limit. */
    public Duration requestSpacing() {
        return requestsPerMinute == 0
                ? Duration.ZERO
                : Duration.ofMillis((60_000L + requestsPerMinute - 1) / requestsPerMinute);
    }

    /** The source id stamped on the records: {@code poll:<id>}. */
    public String source() {
        return "poll:" + pollerId;
    }

    /** The producer's transactional id: one per poller id, which is what fences a stale instance. */
    public String transactionalId() {
        return "release-watch-poller-" + pollerId;
    }
}
