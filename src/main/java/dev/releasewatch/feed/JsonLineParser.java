package dev.releasewatch.feed;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasewatch.avro.ReleaseAnnouncement;

/**
 * Parses one JSON Lines record. Unknown fields are ignored (predb exports carry many); known fields must have the
 * right JSON type, because a number where a name should be is a broken producer, not a release. A {@code source}
 * field, when present, overrides the reader's source id: files that mix mirrors (de-duplication tests) keep who
 * announced what.
 *
 * <p>Public so that sources that are not files, the HTTP ingest endpoint and
 * the API poller, apply exactly the same field rules to an already parsed JSON object.
 */
public final class JsonLineParser {

    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Parses one JSON Lines line.
     *
     * @param line   the line, without its terminator
     * @param source source id used when the object has no {@code source} field
     * @return the record
     * @throws RecordRejectedException with the reason when the line is not a valid record
     */
    public ReleaseAnnouncement parse(final String line, final String source) throws RecordRejectedException {
        final JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            throw new RecordRejectedException("invalid JSON: " + firstLine(e.getOriginalMessage()));
        }
        return parse(node, source);
    }

    /**
     * Turns one already parsed JSON value into a record, with the same rules as a JSON Lines line.
     *
     * @param node   the value; anything but an object is rejected
     * @param source source id used when the object has no {@code source} field
     * @return the record
     * @throws RecordRejectedException with the reason when the value is not a valid record
     */
    public ReleaseAnnouncement parse(final JsonNode node, final String source) throws RecordRejectedException {
        if (node == null || !node.isObject()) {
            throw new RecordRejectedException("not a JSON object");
        }
        final String name = text(node, "name", true);
        final String section = text(node, "section", false);
        final Instant time = time(node.get("time"));
        final String recordSource = text(node, "source", false);
        return AnnouncementFields.announcement(
                name,
                section,
                time,
                text(node, "kind", false),
                text(node, "reason", false),
                recordSource == null || recordSource.isBlank() ? source : recordSource);
    }

    private static String text(final JsonNode node, final String field, final boolean required)
            throws RecordRejectedException {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new RecordRejectedException("missing " + field);
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new RecordRejectedException(field + " must be a string, got " + typeOf(value));
        }
        return value.textValue();
    }

    private static Instant time(final JsonNode value) throws RecordRejectedException {
        if (value == null || value.isNull()) {
            throw new RecordRejectedException("missing time");
        }
        if (value.isNumber()) {
            if (!value.isIntegralNumber() && !Double.isFinite(value.doubleValue())) {
                throw new RecordRejectedException("time out of range: " + value.asText());
            }
            try {
                return FeedTimes.fromEpochNumber(
                        value.isIntegralNumber()
                                ? new BigDecimal(value.bigIntegerValue())
                                : BigDecimal.valueOf(value.doubleValue()));
            } catch (IllegalArgumentException e) {
                throw new RecordRejectedException(e.getMessage());
            }
        }
        if (value.isTextual()) {
            return AnnouncementFields.time(value.textValue());
        }
        throw new RecordRejectedException("time must be a string or number, got " + typeOf(value));
    }

    private static String typeOf(final JsonNode value) {
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String firstLine(final String message) {
        final String text = message == null ? "unreadable" : message;
        final int newline = text.indexOf('\n');
        return FeedTimes.abbreviate(newline < 0 ? text : text.substring(0, newline));
    }
}
