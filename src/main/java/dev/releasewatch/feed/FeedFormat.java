package dev.releasewatch.feed;

import java.util.Locale;
import java.util.Optional;

/** The two text layouts of a feed file (issue 2, "Contracts"). Either may be gzip-compressed. */
public enum FeedFormat {
    /**
     * One JSON object a line: {@code {"name": ..., "section": ..., "time": ...}} plus optional {@code kind}, {@code
     * reason}.
     */
    JSONL,
    /**
     * RFC 4180 CSV with a header row naming the columns ({@code name,section,time}; {@code kind}, {@code reason}
     * optional).
     */
    CSV;

    /**
     * Guesses the format from a file name, ignoring a trailing {@code .gz}.
     *
     * @param fileName a file name or path; may be null
     * @return the format the extension names, or empty when the extension says nothing (content sniffing decides then)
     */
    public static Optional<FeedFormat> fromFileName(final String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gz")) {
            lower = lower.substring(0, lower.length() - 3);
        }
        if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".json")) {
            return Optional.of(JSONL);
        }
        if (lower.endsWith(".csv")) {
            return Optional.of(CSV);
        }
        return Optional.empty();
    }

    /**
     * Parses a user-supplied format name ({@code jsonl}, {@code json}, {@code ndjson} or {@code csv}, any case).
     *
     * @param text the name
     * @return the format
     * @throws IllegalArgumentException for any other name
     */
    public static FeedFormat parse(final String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "jsonl", "json", "ndjson" -> JSONL;
            case "csv" -> CSV;
            default -> throw new IllegalArgumentException("unknown feed format '" + text + "' (expected jsonl or csv)");
        };
    }
}
