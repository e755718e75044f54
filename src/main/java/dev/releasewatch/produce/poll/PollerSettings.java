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
        int maxResponseBytes) {

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
