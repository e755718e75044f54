package dev.releasewatch.feed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines ({@code \n}, {@code \r\n}) and decodes each one as strict UTF-8.
 *
 * <p>Lines are split on bytes rather than through a {@code Reader} so that one invalid UTF-8 sequence spoils one
 * line, not the rest of the stream, and so that the original bytes of a bad line are still at hand. A UTF-8 byte
 * order mark at the start of the stream is dropped. Lines longer than the limit are consumed but not buffered.
 */
final class ByteLineReader {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[1 << 16];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int position;
    private int limit;
    private byte[] line = new byte[512];
    private int lineLength;
    private boolean overflow;
    private long lineNumber;
    private boolean eof;

    ByteLineReader(final InputStream in, final int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Reads the next line.
     *
     * @return false at the end of the stream
     */
    boolean next() throws IOException {
        lineLength = 0;
        overflow = false;
        boolean sawAnything = false;
        while (true) {
            if (position == limit) {
                if (eof || !fill()) {
                    eof = true;
                    if (!sawAnything) {
                        return false;
                    }
                    break;
                }
            }
            sawAnything = true;
            int end = position;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            append(position, end - position);
            if (end < limit) {
                position = end + 1;
                break;
            }
            position = end;
        }
        if (!overflow && lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
        }
        lineNumber++;
        if (lineNumber == 1 && startsWithBom()) {
            System.arraycopy(line, BOM.length, line, 0, lineLength - BOM.length);
            lineLength -= BOM.length;
        }
        return true;
    }

    /** @return 1-based number of the current line */
    long lineNumber() {
        return lineNumber;
    }

    /**
     * @return true when the current line exceeded the limit (its bytes are then only the first {@code maxLineBytes})
     */
    boolean overflow() {
        return overflow;
    }

    /** @return a copy of the current line's bytes */
    byte[] bytes() {
        return Arrays.copyOf(line, lineLength);
    }

    /**
     * Decodes the current line.
     *
     * @return the text
     * @throws CharacterCodingException if the line is not valid UTF-8
     */
    String text() throws CharacterCodingException {
        if (isAscii()) {
            // fast path: most feed lines are ASCII, and the strict decoder costs more than the whole JSON parse
            return new String(line, 0, lineLength, StandardCharsets.ISO_8859_1);
        }
        decoder.reset();
        return decoder.decode(ByteBuffer.wrap(line, 0, lineLength)).toString();
    }

    private boolean isAscii() {
        for (int i = 0; i < lineLength; i++) {
            if (line[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private boolean startsWithBom() {
        return lineLength >= BOM.length && line[0] == BOM[0] && line[1] == BOM[1] && line[2] == BOM[2];
    }

    private void append(final int from, final int count) {
        final int room = maxLineBytes - lineLength;
        final int taken = Math.min(room, count);
        if (taken < count) {
            overflow = true;
        }
        if (taken <= 0) {
            return;
        }
        if (lineLength + taken > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, lineLength + taken)));
        }
        System.arraycopy(buffer, from, line, lineLength, taken);
        lineLength += taken;
    }

    private boolean fill() throws IOException {
        final int read = in.read(buffer, 0, buffer.length);
        if (read <= 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }
}
