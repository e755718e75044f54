package dev.releasewatch.feed;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;

import dev.releasewatch.avro.ReleaseAnnouncement;

/**
 * Streams the records of a feed file (JSON Lines or CSV, optionally gzip, or standard input) as
 * {@link ReleaseAnnouncement}s, one at a time: memory does not grow with the file.
 *
 * <p>A line that fails to parse is skipped, counted, kept in the {@link #report()} if among the first few, and passed
 * to {@link FeedReadOptions#onMalformed()}; it never stops the read. Blank lines are skipped and counted separately.
 * I/O errors (a truncated gzip member, a vanished file) do stop it, as {@link UncheckedIOException} from the iterator:
 * the rest of the file is unknowable then.
 *
 * <p>Detection: gzip by its magic bytes (so a compressed file without {@code .gz} works, and so does compressed stdin);
 * the format from the extension ({@code .jsonl}, {@code .ndjson}, {@code .json}, {@code .csv}, before any {@code .gz}),
 * otherwise from the first non-blank character (an opening brace means JSON Lines). A CSV file without a header row is
 * read as {@code name,section,time}.
 *
 * <p>Not thread-safe; use from one thread and close it.
 */
public final class FeedFileReader implements Iterator<ReleaseAnnouncement>, Closeable {

    private DoubleSupplier fractionRead = () -> Double.NaN;

    /** The location meaning standard input. */
    public static final String STDIN = "-";

    private static final int SNIFF_BYTES = 1 << 16;

    private final InputStream input;
    private final ByteLineReader lines;
    private final FeedReadOptions options;
    private final String source;
    private final FeedFormat format;
    private final JsonLineParser json;
    private CsvLineParser csv;
    private boolean csvFirstLinePending;
    private ReleaseAnnouncement next;
    private long records;
    private long malformed;
    private long blankLines;
    private final List<MalformedLine> firstMalformed = new ArrayList<>();

    private FeedFileReader(
            final InputStream input, final FeedFormat format, final String source, final FeedReadOptions options)
            throws IOException {
        this.input = input;
        this.lines = new ByteLineReader(input, options.maxLineBytes());
        this.options = options;
        this.source = source;
        this.format = format;
        this.json = format == FeedFormat.JSONL ? new JsonLineParser() : null;
        if (format == FeedFormat.CSV) {
            readCsvHeader();
        }
    }

    /**
     * Opens a file, or standard input for {@code "-"}, with default options.
     *
     * @param location a path or {@code -}
     * @return the reader
     * @throws IOException if the file cannot be opened, or a CSV header lacks the {@code name} or {@code time} column
     */
    public static FeedFileReader open(final String location) throws IOException {
        return open(location, FeedReadOptions.defaults());
    }

    /**
     * Opens a file, or standard input for {@code "-"}.
     *
     * @param location a path or {@code -}
     * @param options  how to read
     * @return the reader
     * @throws IOException if the file cannot be opened, or a CSV header lacks the {@code name} or {@code time} column
     */
    public static FeedFileReader open(final String location, final FeedReadOptions options) throws IOException {
        if (STDIN.equals(location)) {
            // the caller did not open stdin, so closing the reader must not close it
            final InputStream stdin = new FilterInputStream(System.in) {
                @Override
                public void close() {}
            };
            return open(stdin, null, options.source() == null ? options.withSource("stdin") : options);
        }
        return open(Path.of(location), options);
    }

    /**
     * Opens a file.
     *
     * @param path    the file
     * @param options how to read
     * @return the reader
     * @throws IOException if the file cannot be opened, or a CSV header lacks the {@code name} or {@code time} column
     */
    public static FeedFileReader open(final Path path, final FeedReadOptions options) throws IOException {
        final String fileName = path.getFileName() == null
                ? path.toString()
                : path.getFileName().toString();
        final long size = Files.size(path);
        final CountingInputStream in = new CountingInputStream(Files.newInputStream(path));
        try {
            final FeedFileReader reader =
                    open(in, fileName, options.source() == null ? options.withSource("file:" + fileName) : options);
            reader.fractionRead = size <= 0 ? () -> Double.NaN : () -> Math.min(1.0, in.count / (double) size);
            return reader;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Reads from a stream; the reader owns it and closes it.
     *
     * @param in       the raw (possibly gzip-compressed) bytes
     * @param fileName a name whose extension hints at the format; may be null
     * @param options  how to read; a null source id becomes {@code unknown}
     * @return the reader
     * @throws IOException if the stream fails, or a CSV header lacks the {@code name} or {@code time} column
     */
    public static FeedFileReader open(final InputStream in, final String fileName, final FeedReadOptions options)
            throws IOException {
        InputStream stream = new BufferedInputStream(in, SNIFF_BYTES);
        if (isGzip(stream)) {
            stream = new BufferedInputStream(new GZIPInputStream(stream, SNIFF_BYTES), SNIFF_BYTES);
        }
        FeedFormat format = options.format();
        if (format == null) {
            format = FeedFormat.fromFileName(fileName).orElse(null);
        }
        if (format == null) {
            format = sniff(stream);
        }
        final String source = options.source() == null ? "unknown" : options.source();
        return new FeedFileReader(stream, format, source, options);
    }

    /** @return the format being read */
    public FeedFormat format() {
        return format;
    }

    /** @return the source id stamped on the records */
    public String source() {
        return source;
    }

    /**
     * Counts so far; complete once {@link #hasNext()} has returned false.
     *
     * @return a snapshot
     */
    public FeedReadReport report() {
        return new FeedReadReport(records, malformed, blankLines, firstMalformed);
    }

    /**
     * The remaining records as a sequential stream; closing the stream closes the reader.
     *
     * @return the stream
     */
    public Stream<ReleaseAnnouncement> stream() {
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(this::closeQuietly);
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = advance();
            } catch (IOException e) {
                throw new UncheckedIOException("reading feed " + source + " near line " + lines.lineNumber(), e);
            }
        }
        return next != null;
    }

    @Override
    public ReleaseAnnouncement next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        final ReleaseAnnouncement result = next;
        next = null;
        records++;
        return result;
    }

    @Override
    public void close() throws IOException {
        input.close();
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ReleaseAnnouncement advance() throws IOException {
        while (csvFirstLinePending || lines.next()) {
            csvFirstLinePending = false;
            final long lineNumber = lines.lineNumber();
            if (lines.overflow()) {
                reject(lineNumber, "line longer than " + options.maxLineBytes() + " bytes", lines.bytes());
                continue;
            }
            final String text;
            try {
                text = lines.text();
            } catch (CharacterCodingException e) {
                reject(lineNumber, "invalid UTF-8", lines.bytes());
                continue;
            }
            if (text.isBlank()) {
                blankLines++;
                continue;
            }
            if (format == FeedFormat.JSONL) {
                try {
                    return json.parse(text, source);
                } catch (RecordRejectedException e) {
                    reject(lineNumber, e.getMessage(), lines.bytes());
                }
            } else {
                final ReleaseAnnouncement record = csvRecord(lineNumber, text);
                if (record != null) {
                    return record;
                }
            }
        }
        return null;
    }

    /** Reads one CSV record starting with {@code text}, pulling continuation lines while a quoted field is open. */
    private ReleaseAnnouncement csvRecord(final long firstLine, final String text) throws IOException {
        if (!CsvLineParser.endsInsideQuotes(text)) {
            try {
                return csv.parse(text, source);
            } catch (RecordRejectedException e) {
                reject(firstLine, e.getMessage(), lines.bytes());
                return null;
            }
        }
        final StringBuilder record = new StringBuilder(text);
        final ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.writeBytes(lines.bytes());
        while (CsvLineParser.endsInsideQuotes(record)) {
            if (record.length() > options.maxLineBytes()) {
                reject(firstLine, "record longer than " + options.maxLineBytes() + " bytes", raw.toByteArray());
                return null;
            }
            if (!lines.next()) {
                reject(firstLine, "unterminated quoted field at end of input", raw.toByteArray());
                return null;
            }
            raw.write('\n');
            raw.writeBytes(lines.bytes());
            try {
                record.append('\n').append(lines.text());
            } catch (CharacterCodingException e) {
                reject(firstLine, "invalid UTF-8", raw.toByteArray());
                return null;
            }
        }
        try {
            return csv.parse(record.toString(), source);
        } catch (RecordRejectedException e) {
            reject(firstLine, e.getMessage(), raw.toByteArray());
            return null;
        }
    }

    private void readCsvHeader() throws IOException {
        while (lines.next()) {
            final String text;
            try {
                text = lines.overflow() ? null : lines.text();
            } catch (CharacterCodingException e) {
                csvFirstLinePending = true;
                break;
            }
            if (text != null && text.isBlank()) {
                blankLines++;
                continue;
            }
            if (text != null) {
                final List<String> fields = headerFields(text);
                if (fields != null && CsvLineParser.isHeader(fields)) {
                    try {
                        csv = CsvLineParser.forHeader(fields);
                    } catch (IllegalArgumentException e) {
                        throw new IOException(source + ": " + e.getMessage(), e);
                    }
                    return;
                }
            }
            // not a header: the line is data, to be parsed (or rejected) by the first advance()
            csvFirstLinePending = true;
            break;
        }
        csv = CsvLineParser.forHeader(CsvLineParser.DEFAULT_COLUMNS);
    }

    private static List<String> headerFields(final String text) {
        try {
            return CsvLineParser.split(text);
        } catch (RecordRejectedException e) {
            return null;
        }
    }

    private void reject(final long lineNumber, final String reason, final byte[] raw) {
        malformed++;
        final MalformedLine line = new MalformedLine(lineNumber, reason, raw);
        if (firstMalformed.size() < options.keepMalformed()) {
            firstMalformed.add(line);
        }
        options.onMalformed().accept(line);
    }

    private static boolean isGzip(final InputStream stream) throws IOException {
        stream.mark(2);
        final int first = stream.read();
        final int second = stream.read();
        stream.reset();
        return first == 0x1f && second == 0x8b;
    }

    private static FeedFormat sniff(final InputStream stream) throws IOException {
        stream.mark(SNIFF_BYTES);
        try {
            for (int i = 0; i < SNIFF_BYTES; i++) {
                final int b = stream.read();
                if (b < 0) {
                    break;
                }
                if (b == 0xEF || b == 0xBB || b == 0xBF || Character.isWhitespace(b)) {
                    continue;
                }
                return b == '{' ? FeedFormat.JSONL : FeedFormat.CSV;
            }
            return FeedFormat.JSONL;
        } finally {
            stream.reset();
        }
    }

    /**
     * Fraction of the file's bytes read so far (of the compressed bytes for a gzip file), for progress
     * reports; NaN for standard input or a stream of unknown size.
     */
    public double fractionRead() {
        return fractionRead.getAsDouble();
    }

    /** Counts the raw bytes read from the file, so progress can be reported without knowing the line count. */
    private static final class CountingInputStream extends FilterInputStream {
        private volatile long count;

        CountingInputStream(final InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            final int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(final byte[] buffer, final int offset, final int length) throws IOException {
            final int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(final long n) throws IOException {
            final long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
