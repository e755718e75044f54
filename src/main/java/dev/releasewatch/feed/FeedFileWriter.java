package dev.releasewatch.feed;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.ReleaseAnnouncement;

/**
 * Writes records as a feed file in the contract's form (issue 2), JSON Lines or CSV, optionally gzip-compressed.
 * {@link FeedFileReader} reads back exactly what this writes.
 *
 * <p>JSON Lines carry {@code name}, {@code section} (left out when null), {@code time} (ISO-8601 UTC), plus
 * {@code kind}/{@code reason} for nukes and {@code source} when asked to keep sources (files holding mirror copies
 * for de-duplication tests). CSV carries releases only ({@code name,section,time}, plus {@code source} when kept).
 *
 * <p>For hostile-input tests the writer can add malformed lines among the good ones (off by default): each good record
 * is still written, so a reader must deliver exactly {@link #written()} records and report exactly
 * {@link #malformedWritten()} bad lines.
 */
public final class FeedFileWriter implements Closeable {

    private static final JsonFactory JSON = new JsonFactory();

    private final BufferedOutputStream buffered;
    private final Writer text;
    private final FeedFormat format;
    private final boolean keepSources;
    private final JsonGenerator json;
    private SplittableRandom malformedRandom;
    private double malformedFraction;
    private long written;
    private long malformed;

    private FeedFileWriter(
            final OutputStream out, final FeedFormat format, final boolean gzip, final boolean keepSources)
            throws IOException {
        this.buffered = new BufferedOutputStream(gzip ? new GZIPOutputStream(out, 1 << 16) : out, 1 << 16);
        this.text = new OutputStreamWriter(buffered, StandardCharsets.UTF_8);
        this.format = format;
        this.keepSources = keepSources;
        this.json = format == FeedFormat.JSONL
                ? JSON.createGenerator(text)
                        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                        // flushing per record would reach the file: one system call per line
                        .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM)
                        .setRootValueSeparator(null)
                : null;
        if (format == FeedFormat.CSV) {
            text.write(keepSources ? "name,section,time,source\n" : "name,section,time\n");
        }
    }

    /**
     * Opens a file, or standard output for {@code "-"} (which is flushed, not closed, on close).
     *
     * @param location    a path or {@code -}
     * @param format      the format
     * @param gzip        whether to compress
     * @param keepSources whether each record's source id is written (for files mixing several sources)
     * @return the writer
     * @throws IOException if the file cannot be created
     */
    public static FeedFileWriter open(
            final String location, final FeedFormat format, final boolean gzip, final boolean keepSources)
            throws IOException {
        if (FeedFileReader.STDIN.equals(location)) {
            final OutputStream stdout = new FilterOutputStream(System.out) {
                @Override
                public void write(final byte[] b, final int off, final int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
            return new FeedFileWriter(stdout, format, gzip, keepSources);
        }
        return new FeedFileWriter(Files.newOutputStream(Path.of(location)), format, gzip, keepSources);
    }

    /**
     * Writes to a stream, which the writer then owns.
     *
     * @param out         the stream
     * @param format      the format
     * @param gzip        whether to compress
     * @param keepSources whether each record's source id is written
     * @return the writer
     * @throws IOException if the stream fails
     */
    public static FeedFileWriter of(
            final OutputStream out, final FeedFormat format, final boolean gzip, final boolean keepSources)
            throws IOException {
        return new FeedFileWriter(out, format, gzip, keepSources);
    }

    /**
     * Mixes malformed lines into the output: before each record, with probability {@code fraction}, one broken line
     * (truncated JSON, missing name, bad time, wrong type, invalid UTF-8, wrong field count, ...).
     *
     * @param fraction chance per record, in [0, 0.5]
     * @param seed     seed of the choice, so output stays reproducible
     * @return this
     */
    public FeedFileWriter withMalformedLines(final double fraction, final long seed) {
        if (fraction < 0 || fraction > 0.5) {
            throw new IllegalArgumentException("malformed fraction must be in [0, 0.5], got " + fraction);
        }
        this.malformedFraction = fraction;
        this.malformedRandom = new SplittableRandom(seed);
        return this;
    }

    /**
     * Writes one record (and possibly a malformed line before it).
     *
     * @param record the record
     * @throws IOException if writing fails
     * @throws IllegalArgumentException for a nuke or unnuke in CSV, which has no column for them
     */
    public void write(final ReleaseAnnouncement record) throws IOException {
        if (malformedRandom != null && malformedRandom.nextDouble() < malformedFraction) {
            writeMalformed(record);
        }
        if (format == FeedFormat.JSONL) {
            writeJson(record);
        } else {
            writeCsv(record);
        }
        written++;
    }

    /** @return good records written */
    public long written() {
        return written;
    }

    /** @return malformed lines written */
    public long malformedWritten() {
        return malformed;
    }

    @Override
    public void close() throws IOException {
        if (json != null) {
            json.close();
        }
        text.close();
    }

    private void writeJson(final ReleaseAnnouncement record) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", record.getName());
        if (record.getSection() != null) {
            json.writeStringField("section", record.getSection());
        }
        json.writeStringField("time", record.getTime().toString());
        if (record.getKind() != EventKind.RELEASE) {
            json.writeStringField("kind", record.getKind().name());
            if (record.getReason() != null) {
                json.writeStringField("reason", record.getReason());
            }
        }
        if (keepSources) {
            json.writeStringField("source", record.getSource());
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private void writeCsv(final ReleaseAnnouncement record) throws IOException {
        if (record.getKind() != EventKind.RELEASE) {
            throw new IllegalArgumentException(
                    "CSV feeds carry releases only; write " + record.getKind() + " events as JSON Lines");
        }
        text.write(csvField(record.getName()));
        text.write(',');
        text.write(record.getSection() == null ? "" : csvField(record.getSection()));
        text.write(',');
        text.write(record.getTime().toString());
        if (keepSources) {
            text.write(',');
            text.write(csvField(record.getSource()));
        }
        text.write('\n');
    }

    private void writeMalformed(final ReleaseAnnouncement record) throws IOException {
        final String time = record.getTime().toString();
        final String line;
        if (format == FeedFormat.JSONL) {
            line = switch (malformedRandom.nextInt(7)) {
                case 0 -> "{\"name\": \"" + record.getName() + "\", \"section\": \"" + record.getSection() + "\", \"ti";
                case 1 -> "{\"section\": \"X264\", \"time\": \"" + time + "\"}";
                case 2 -> "{\"name\": \"" + record.getName() + ".BADTIME\", \"time\": \"not-a-time\"}";
                case 3 -> "{\"name\": 12345, \"time\": \"" + time + "\"}";
                case 4 -> "{\"name\": \"\", \"time\": \"" + time + "\"}";
                case 5 -> "<html><body>502 Bad Gateway</body></html>";
                default -> null;
            };
        } else {
            line = switch (malformedRandom.nextInt(4)) {
                case 0 -> record.getName() + ",X264," + time + ",extra,fields";
                case 1 -> record.getName() + ".BADTIME,X264,yesterday";
                // an unterminated leading quote would swallow the next good record, so break the quoting mid-field
                case 2 -> record.getName() + ".STRAY\"QUOTE,X264," + time;
                default -> null;
            };
        }
        if (json != null) {
            json.flush();
        }
        if (line == null) {
            // a line that is not UTF-8 at all, as a broken transcoder would leave it
            text.flush();
            buffered.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 'x', '-', 'G', '\n'});
        } else {
            text.write(line);
            text.write('\n');
        }
        malformed++;
    }

    private static String csvField(final String value) {
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            final char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote && (value.isEmpty() || value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ')) {
            quote = !value.isEmpty();
        }
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
