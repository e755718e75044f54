package dev.releasewatch.produce.poll;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.ReleaseAnnouncement;

/**
 * predb.ovh's v1 format: the envelope of the polling endpoint and the {@code nuke} object of a row.
 *
 * <p>The envelope is {@code {"status": "success"|"error", "message": "...", "data": {...}}}; an error comes with HTTP
 * 200, so the status, not the HTTP code, says whether the poll worked. A row's {@code nuke} is null or
 * {@code {"type", "reason", "net", "nukeAt"}} and describes the release's current nuke state: {@code nuke} and
 * {@code modnuke} (a nuke whose reason changed) mean nuked, {@code unnuke} means unnuked; {@code delpre} and
 * {@code undelpre} (the pre itself deleted or restored) are not nukes and make no event.
 */
final class PredbOvhRows {

    private PredbOvhRows() {}

    /**
     * Checks the envelope of a polling response.
     *
     * @throws PollFailedException when the status is not {@code success}: the API's own message is the reason
     */
    static void checkEnvelope(JsonNode root) throws PollFailedException {
        JsonNode status = root.get("status");
        if (status == null || !status.isTextual()) {
            throw new PollFailedException("not a predb.ovh v1 envelope: no \"status\"", null);
        }
        if (!"success".equals(status.asText())) {
            JsonNode message = root.path("message");
            throw new PollFailedException(
                    "API answered status '" + status.asText() + "': "
                            + (message.isTextual() ? message.asText() : message.toString()),
                    null);
        }
    }

    /**
     * The event a row's nuke state stands for.
     *
     * @param row     the row ({@code name}, {@code nuke}, ...)
     * @param release the row's release as mapped (name, section, time)
     * @return a NUKE or UNNUKE event at {@code nukeAt} (the release time when absent), or null when the row is not
     *         nuked, unnuked, or its type is not a nuke
     */
    static ReleaseAnnouncement nukeEvent(JsonNode row, ReleaseAnnouncement release) {
        JsonNode nuke = row.get("nuke");
        if (nuke == null || !nuke.isObject()) {
            return null;
        }
        EventKind kind = switch (nuke.path("type").asText("").toLowerCase(Locale.ROOT)) {
            case "nuke", "modnuke" -> EventKind.NUKE;
            case "unnuke" -> EventKind.UNNUKE;
            default -> null;
        };
        if (kind == null) {
            return null;
        }
        JsonNode at = nuke.get("nukeAt");
        Instant time = at != null && at.isNumber() ? Instant.ofEpochSecond(at.asLong()) : release.getTime();
        JsonNode reason = nuke.get("reason");
        return ReleaseAnnouncement.newBuilder(release)
                .setKind(kind)
                .setTime(time)
                .setReason(reason != null && reason.isTextual() ? reason.asText() : null)
                .build();
    }
}
