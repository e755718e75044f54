package dev.releasewatch.feed;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a {@link FeedFileReader} reads.
 *
 * @param source       source id stamped on every record; null derives it from the location ({@code file:NAME} or {@code
 * stdin})
 * @param format       the format; null detects it from the extension, then from the first non-blank line
 * @param maxLineBytes longer lines are skipped as malformed without being buffered, which bounds memory on hostile
 *                     input (a gzip bomb without newlines); the default leaves room for 1 MB names so that validation,
 *                     not the reader, decides about them
 * @param keepMalformed how many malformed lines the report keeps verbatim
 * @param onMalformed  called for every malformed line (e.g. to dead-letter it); never null
 */
public record FeedReadOptions(
        String source, FeedFormat format, int maxLineBytes, int keepMalformed, Consumer<MalformedLine> onMalformed) {

    /** Default line limit: 4 MiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 4 << 20;
    /** Default number of malformed lines kept in the report. */
    public static final int DEFAULT_KEEP_MALFORMED = 10;

    /** Validates limits and replaces a null callback by a no-op. */
    public FeedReadOptions {
        if (maxLineBytes < 16) {
            throw new IllegalArgumentException("maxLineBytes must be at least 16, got " + maxLineBytes);
        }
        if (keepMalformed < 0) {
            throw new IllegalArgumentException("keepMalformed must be >= 0, got " + keepMalformed);
        }
        onMalformed = onMalformed == null ? line -> {} : onMalformed;
    }

    /**
     * Defaults: derived source id, detected format, 4 MiB lines, 10 kept malformed lines, no callback.
     *
     * @return the defaults
     */
    public static FeedReadOptions defaults() {
        return new FeedReadOptions(null, null, DEFAULT_MAX_LINE_BYTES, DEFAULT_KEEP_MALFORMED, null);
    }

    /**
     * @param newSource the source id to stamp on records
     * @return a copy with that source id
     */
    public FeedReadOptions withSource(final String newSource) {
        return new FeedReadOptions(newSource, format, maxLineBytes, keepMalformed, onMalformed);
    }

    /**
     * @param newFormat the format to assume instead of detecting it
     * @return a copy with that format
     */
    public FeedReadOptions withFormat(final FeedFormat newFormat) {
        return new FeedReadOptions(source, newFormat, maxLineBytes, keepMalformed, onMalformed);
    }

    /**
     * @param newMaxLineBytes the line limit in bytes
     * @return a copy with that limit
     */
    public FeedReadOptions withMaxLineBytes(final int newMaxLineBytes) {
        return new FeedReadOptions(source, format, newMaxLineBytes, keepMalformed, onMalformed);
    }

    /**
     * @param callback called for every malformed line
     * @return a copy with that callback
     */
    public FeedReadOptions withOnMalformed(final Consumer<MalformedLine> callback) {
        return new FeedReadOptions(source, format, maxLineBytes, keepMalformed, Objects.requireNonNull(callback));
    }
}
