package dev.releasewatch.produce.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.feed.JsonLineParser;
import dev.releasewatch.feed.RecordRejectedException;

/**
 * Turns an ingest request body into records, with the field rules of feed files ({@link JsonLineParser}), so a
 * record accepted over HTTP is exactly a record accepted in a file.
 *
 * <p>The two layouts fail differently on purpose. In JSON Lines every line is independent, as in a feed file: a bad
 * line (invalid UTF-8, invalid JSON, missing field) is rejected and the others are accepted. A JSON array is one JSON
 * document: if it is not valid JSON, where one element ends and the next begins is unknowable, so the whole body is
 * refused ({@link UnreadableBodyException}, nothing published) rather than publishing an arbitrary prefix; elements
 * that are valid JSON but not valid records are rejected one by one.
 *
 * <p>Thread-safe: it holds no per-request state.
 */
public final class IngestBodyParser {

    /** How many rejections an answer lists; the count covers all of them. */
    public static final int DEFAULT_MAX_LISTED_REJECTIONS = 10;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TRAILING =
            "unexpected content after the JSON array (send JSON Lines as application/x-ndjson)";

    private final JsonLineParser records = new JsonLineParser();
    private final int maxListed;

    /** A parser listing at most {@link #DEFAULT_MAX_LISTED_REJECTIONS} rejections. */
    public IngestBodyParser() {
        this(DEFAULT_MAX_LISTED_REJECTIONS);
    }

    /** A parser listing at most {@code maxListed} rejections per answer. */
    public IngestBodyParser(int maxListed) {
        this.maxListed = maxListed;
    }

    /** How many rejections an answer lists. */
    public int maxListed() {
        return maxListed;
    }

    /**
     * Parses a body.
     *
     * @param contentType the Content-Type header, may be null
     * @param body        the whole body
     * @param source      source id for records without a {@code source} field
     * @return valid and rejected records
     * @throws UnreadableBodyException when a JSON array body is not valid JSON
     */
    public IngestBatch parse(String contentType, byte[] body, String source) throws UnreadableBodyException {
        int start = hasUtf8Bom(body) ? 3 : 0;
        Collector out = new Collector(maxListed);
        if (BodyFormat.of(contentType, body, start) == BodyFormat.JSON_ARRAY) {
            parseArray(body, start, source, out);
        } else {
            parseLines(body, start, source, out);
        }
        return new IngestBatch(out.records, out.indexes, out.rejected, out.rejections);
    }

    private void parseArray(byte[] body, int start, String source, Collector out) throws UnreadableBodyException {
        int index = 0;
        boolean complete = false;
        try (JsonParser parser = MAPPER.createParser(body, start, body.length - start)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new UnreadableBodyException("empty body");
            }
            if (first == JsonToken.START_OBJECT) {
                accept(MAPPER.readTree(parser), 0, source, out);
            } else if (first == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    accept(MAPPER.readTree(parser), index++, source, out);
                }
            } else {
                throw new UnreadableBodyException("body must be a JSON array of objects, got " + first.asString());
            }
            complete = true;
            if (parser.nextToken() != null) {
                throw new UnreadableBodyException(TRAILING);
            }
        } catch (IOException | RuntimeException e) {
            // Jackson reports syntax errors, invalid UTF-8, and its nesting/number-length limits as IOExceptions;
            // the RuntimeException guard keeps any other parser surprise a 400 instead of a dropped connection.
            throw new UnreadableBodyException(
                    complete ? TRAILING : "invalid JSON in element " + index + ": " + firstLine(e));
        }
    }

    private void parseLines(byte[] body, int start, String source, Collector out) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int index = 0;
        int lineStart = start;
        while (lineStart < body.length) {
            int end = lineStart;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            int next = end + 1;
            if (end > lineStart && body[end - 1] == '\r') {
                end--;
            }
            String line = null;
            try {
                line = decoder.decode(ByteBuffer.wrap(body, lineStart, end - lineStart))
                        .toString();
            } catch (CharacterCodingException e) {
                out.reject(index, "invalid UTF-8");
            }
            if (line != null && !line.isBlank()) {
                try {
                    out.accept(index, records.parse(line, source));
                } catch (RecordRejectedException e) {
                    out.reject(index, e.getMessage());
                }
            }
            index++;
            lineStart = next;
        }
    }

    private void accept(JsonNode node, int index, String source, Collector out) {
        try {
            out.accept(index, records.parse(node, source));
        } catch (RecordRejectedException e) {
            out.reject(index, e.getMessage());
        }
    }

    private static boolean hasUtf8Bom(byte[] body) {
        return body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF;
    }

    private static String firstLine(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        String text = m == null ? e.getClass().getSimpleName() : m;
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }

    private static final class Collector {
        final List<ReleaseAnnouncement> records = new ArrayList<>();
        final List<Integer> indexes = new ArrayList<>();
        final List<Rejection> rejections = new ArrayList<>();
        final int maxListed;
        int rejected;

        Collector(int maxListed) {
            this.maxListed = maxListed;
        }

        void accept(int index, ReleaseAnnouncement record) {
            records.add(record);
            indexes.add(index);
        }

        void reject(int index, String reason) {
            rejected++;
            if (rejections.size() < maxListed) {
                rejections.add(new Rejection(index, reason));
            }
        }
    }
}
