package dev.releasewatch.feed;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Turns the {@code time} value of a feed record into an {@link Instant}.
 *
 * <p>Accepted forms: an ISO-8601 instant ({@code 2020-08-19T13:22:11Z}), an ISO date-time with offset
 * ({@code 2020-08-19T15:22:11+02:00}), a zone-less date-time ({@code 2020-08-19T13:22:11} or with a space instead of
 * {@code T}), read as UTC because predb dumps are UTC; and epoch seconds as a number or numeric string, possibly with a
 * fraction, as predb APIs give them.
 *
 * <p>Numbers of magnitude 10<sup>11</sup> or more are read as epoch <em>milliseconds</em>: in seconds they would be
 * after the year 5000, so no feed means that, while millisecond timestamps from JavaScript producers are common.
 *
 * <p>Results are truncated to milliseconds because the Avro field is {@code timestamp-millis}; truncating here keeps
 * a record equal to itself after a round trip through Kafka. Range checks (1970, 2100) are validation, not parsing, and
 * belong to the topology.
 */
public final class FeedTimes {

    private static final double MILLIS_THRESHOLD = 1e11;
    private static final double MAX_MAGNITUDE = 1e17;

    private FeedTimes() {}

    /**
     * Parses a textual time value.
     *
     * @param text the value as found in the feed
     * @return the instant, truncated to milliseconds
     * @throws IllegalArgumentException with a short human reason when the text is not a time
     */
    public static Instant parse(final String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing time");
        }
        final String value = text.trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty time");
        }
        final char first = value.charAt(0);
        if (looksNumeric(value)) {
            try {
                return fromEpochNumber(new BigDecimal(value));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unparseable time '" + abbreviate(value) + "'");
            }
        }
        if (first < '0' || first > '9') {
            throw new IllegalArgumentException("unparseable time '" + abbreviate(value) + "'");
        }
        final String iso = value.length() > 10 && value.charAt(10) == ' '
                ? value.substring(0, 10) + 'T' + value.substring(11)
                : value;
        try {
            return OffsetDateTime.parse(iso).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException withOffset) {
            try {
                return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
            } catch (DateTimeParseException local) {
                throw new IllegalArgumentException("unparseable time '" + abbreviate(value) + "'");
            }
        }
    }

    /**
     * Converts a JSON number of epoch seconds (or milliseconds, see the class comment).
     *
     * @param epoch the number
     * @return the instant, truncated to milliseconds
     * @throws IllegalArgumentException when the number is absurdly large (beyond 10<sup>17</sup>)
     */
    public static Instant fromEpochNumber(final BigDecimal epoch) {
        final double magnitude = Math.abs(epoch.doubleValue());
        // checked before any exact arithmetic: "1e999999999" must not make a billion-digit BigInteger
        if (!(magnitude < MAX_MAGNITUDE)) {
            throw new IllegalArgumentException("time out of range: " + abbreviate(epoch.toString()));
        }
        final BigDecimal millis = magnitude >= MILLIS_THRESHOLD ? epoch : epoch.movePointRight(3);
        return Instant.ofEpochMilli(millis.setScale(0, RoundingMode.FLOOR).longValueExact());
    }

    private static boolean looksNumeric(final String value) {
        int digits = 0;
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (!(c == '.' || ((c == '-' || c == '+') && i == 0) || c == 'e' || c == 'E')) {
                return false;
            }
        }
        return digits > 0;
    }

    static String abbreviate(final String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
