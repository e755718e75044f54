package dev.releasewatch.feed.synth;

import java.time.Duration;

/** What happened in an incident of a scenario, with the detection delay issue 3 requires for it. */
public enum IncidentKind {
    /** Most of the feed drops at once (a raid). Must be flagged within 6 hours. */
    COLLAPSE(Duration.ofHours(6)),
    /** No events at all for hours. Must be flagged within 6 hours. */
    FEED_GAP(Duration.ofHours(6)),
    /** One section stops (its source broke, or its groups stopped) while the others go on. Within 24 hours. */
    SECTION_OUTAGE(Duration.ofHours(24)),
    /** A section falls by 40-60% and stays there (a raid on its biggest groups). Within 24 hours, weekends too. */
    LEVEL_SHIFT(Duration.ofHours(24)),
    /**
     * One source of the feed (a mirror) stops while the others go on: no count changes, the source's own silence is the
     * incident. Within 6 hours, like a feed gap.
     */
    SOURCE_SILENT(Duration.ofHours(6)),
    /** A steadily releasing group stops. Within 48 hours for a group that released at least 5 a day. */
    GROUP_SILENT(Duration.ofHours(48));

    private final Duration maxDetectionDelay;

    IncidentKind(final Duration maxDetectionDelay) {
        this.maxDetectionDelay = maxDetectionDelay;
    }

    /** @return the longest acceptable time from the incident's start to the alert's {@code detectedAt} */
    public Duration maxDetectionDelay() {
        return maxDetectionDelay;
    }
}
