package dev.releasewatch.feed;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A feed line that could not be turned into a record, with why.
 *
 * <p>The original bytes are kept (not a decoded string) so a caller can dead-letter exactly what it read, invalid
 * UTF-8 included (issue 4: "the dead-letter record keeps the original bytes"). For a CSV record spanning several
 * physical lines, {@code lineNumber} is the first of them and {@code raw} holds them all, joined by {@code \n}.
 *
 * @param lineNumber 1-based physical line number in the (decompressed) input
 * @param reason     short human reason, e.g. {@code missing name} or {@code invalid JSON: Unexpected character}
 * @param raw        the line's bytes without the line terminator; at most the reader's line limit
 */
public record MalformedLine(long lineNumber, String reason, byte[] raw) {

    /**
     * Gives the start of the line as text, for log messages and reports.
     *
     * @return up to 80 characters, invalid UTF-8 replaced
     */
    public String excerpt() {
        final String text = new String(raw, 0, Math.min(raw.length, 320), StandardCharsets.UTF_8);
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof MalformedLine that
                && lineNumber == that.lineNumber
                && reason.equals(that.reason)
                && Arrays.equals(raw, that.raw);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(lineNumber) * 31 + reason.hashCode();
    }

    @Override
    public String toString() {
        return "line " + lineNumber + ": " + reason + " [" + excerpt() + "]";
    }
}
