package dev.releasewatch.feed;

import java.time.Instant;
import java.util.Locale;

import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.ReleaseAnnouncement;

/** The field rules shared by the JSON Lines and CSV parsers, so both formats accept exactly the same records. */
final class AnnouncementFields {

    private AnnouncementFields() {}

    /**
     * Builds a record from already extracted field values.
     *
     * @param name    the release name; trimmed, must not be blank
     * @param section the section as given (normalising is the topology's job); null when absent
     * @param time    the event time
     * @param kind    RELEASE, NUKE or UNNUKE in any case; null or blank means RELEASE
     * @param reason  nuke reason; dropped for RELEASE, where the schema wants null
     * @param source  source id
     */
    static ReleaseAnnouncement announcement(
            final String name,
            final String section,
            final Instant time,
            final String kind,
            final String reason,
            final String source)
            throws RecordRejectedException {
        if (name == null) {
            throw new RecordRejectedException("missing name");
        }
        final String trimmed = name.strip();
        if (trimmed.isEmpty()) {
            throw new RecordRejectedException("empty name");
        }
        final EventKind eventKind = kind(kind);
        return new ReleaseAnnouncement(
                eventKind, trimmed, section, time, source, eventKind == EventKind.RELEASE ? null : reason);
    }

    static Instant time(final String text) throws RecordRejectedException {
        try {
            return FeedTimes.parse(text);
        } catch (IllegalArgumentException e) {
            throw new RecordRejectedException(e.getMessage());
        }
    }

    private static EventKind kind(final String kind) throws RecordRejectedException {
        if (kind == null || kind.isBlank()) {
            return EventKind.RELEASE;
        }
        return switch (kind.strip().toUpperCase(Locale.ROOT)) {
            case "RELEASE" -> EventKind.RELEASE;
            case "NUKE" -> EventKind.NUKE;
            case "UNNUKE" -> EventKind.UNNUKE;
            // heartbeats are emitted by live sources about themselves; a file line claiming one is an error
            case "HEARTBEAT" -> throw new RecordRejectedException("kind HEARTBEAT is not allowed in a feed file");
            default -> throw new RecordRejectedException("unknown kind '" + FeedTimes.abbreviate(kind) + "'");
        };
    }
}
