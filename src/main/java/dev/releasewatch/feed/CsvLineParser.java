package dev.releasewatch.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.releasewatch.avro.ReleaseAnnouncement;

/**
 * Parses CSV records (RFC 4180: comma separated, fields optionally in double quotes, {@code ""} for a quote inside
 * a quoted field, line breaks allowed inside quotes) against the columns named by the header.
 *
 * <p>Columns are found by name, in any order, so {@code time,name,section} works too; unknown columns are ignored.
 * Every record must have as many fields as the header: a stray comma shifts every column after it, and guessing which
 * field is the name would count garbage. CSV cannot tell an empty section from a missing one: both are null.
 */
final class CsvLineParser {

    /** Columns assumed when the file starts without a header row. */
    static final List<String> DEFAULT_COLUMNS = List.of("name", "section", "time");

    private final int columns;
    private final int name;
    private final int section;
    private final int time;
    private final int kind;
    private final int reason;
    private final int source;

    private CsvLineParser(final List<String> header) {
        final List<String> normalised =
                header.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        columns = normalised.size();
        name = normalised.indexOf("name");
        section = normalised.indexOf("section");
        time = normalised.indexOf("time");
        kind = normalised.indexOf("kind");
        reason = normalised.indexOf("reason");
        source = normalised.indexOf("source");
        if (name < 0 || time < 0) {
            throw new IllegalArgumentException("CSV header must name the columns 'name' and 'time', got " + header);
        }
    }

    /**
     * @param header the header's fields
     * @return a parser for records under that header
     * @throws IllegalArgumentException if the header lacks {@code name} or {@code time}
     */
    static CsvLineParser forHeader(final List<String> header) {
        return new CsvLineParser(header);
    }

    /** @return whether these fields look like a header row rather than a record */
    static boolean isHeader(final List<String> fields) {
        return fields.stream().anyMatch(f -> f.strip().equalsIgnoreCase("name"));
    }

    /**
     * Whether a record is still inside a quoted field at its end, i.e. continues on the next physical line. Only a
     * quote at the start of a field opens one, as in RFC 4180, so a stray quote inside an unquoted field is left to
     * {@link #split} to reject instead of swallowing the lines after it.
     */
    static boolean endsInsideQuotes(final CharSequence text) {
        boolean inQuotes = false;
        boolean fieldStart = true;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (inQuotes) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        i++;
                    } else {
                        inQuotes = false;
                    }
                }
            } else if (c == ',') {
                fieldStart = true;
                continue;
            } else if (c == '"' && fieldStart) {
                inQuotes = true;
            }
            fieldStart = false;
        }
        return inQuotes;
    }

    ReleaseAnnouncement parse(final String record, final String defaultSource) throws RecordRejectedException {
        final List<String> fields = split(record);
        if (fields.size() != columns) {
            throw new RecordRejectedException("expected " + columns + " fields, got " + fields.size());
        }
        return AnnouncementFields.announcement(
                fields.get(name),
                optional(fields, section),
                AnnouncementFields.time(fields.get(time)),
                optional(fields, kind),
                optional(fields, reason),
                optional(fields, source) == null ? defaultSource : optional(fields, source));
    }

    private static String optional(final List<String> fields, final int index) {
        if (index < 0) {
            return null;
        }
        final String value = fields.get(index);
        return value.isEmpty() ? null : value;
    }

    /** Splits one record into its fields, unquoting them. */
    static List<String> split(final String record) throws RecordRejectedException {
        final List<String> fields = new ArrayList<>(4);
        final StringBuilder field = new StringBuilder();
        int i = 0;
        final int n = record.length();
        while (true) {
            field.setLength(0);
            if (i < n && record.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new RecordRejectedException("unterminated quoted field");
                    }
                    final char c = record.charAt(i++);
                    if (c == '"') {
                        if (i < n && record.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < n && record.charAt(i) != ',') {
                    throw new RecordRejectedException("text after closing quote in field " + (fields.size() + 1));
                }
            } else {
                while (i < n && record.charAt(i) != ',') {
                    final char c = record.charAt(i++);
                    if (c == '"') {
                        throw new RecordRejectedException("quote inside unquoted field " + (fields.size() + 1));
                    }
                    field.append(c);
                }
            }
            fields.add(field.toString());
            if (i >= n) {
                return fields;
            }
            i++; // the comma
        }
    }
}
