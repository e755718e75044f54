package dev.releasewatch.feed;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a {@link FeedFileReader} has read so far: how many records, how many lines it skipped and why.
 *
 * @param records        records delivered
 * @param malformed      lines (or CSV records) that failed to parse and were skipped
 * @param blankLines     empty or whitespace-only lines, skipped silently (they are not errors)
 * @param firstMalformed the first few malformed lines, in input order (how many is a reader option)
 */
public record FeedReadReport(long records, long malformed, long blankLines, List<MalformedLine> firstMalformed) {

    /** Copies the list so a report is a stable snapshot. */
    public FeedReadReport {
        firstMalformed = List.copyOf(firstMalformed);
    }

    /**
     * One line for a terminal or a log, e.g. {@code 12800 records, 2 malformed lines skipped (line 7: missing name;
     * ...)}.
     *
     * @return the summary
     */
    public String summary() {
        final StringBuilder text = new StringBuilder().append(records).append(" records");
        if (malformed > 0) {
            text.append(", ")
                    .append(malformed)
                    .append(" malformed line")
                    .append(malformed == 1 ? "" : "s")
                    .append(" skipped (")
                    .append(firstMalformed.stream().map(MalformedLine::toString).collect(Collectors.joining("; ")))
                    .append(malformed > firstMalformed.size() ? "; ..." : "")
                    .append(')');
        }
        return text.toString();
    }
}
