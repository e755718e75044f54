package dev.releasewatch.evaluate;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * NAB's timestamp text, {@code 2014-07-01 00:00:00}, always UTC. The label files append a fraction
 * ({@code 2015-03-03 04:37:53.000000}), so parsing accepts an optional fraction; formatting never writes one.
 */
public final class NabTimestampFormat {

    private static final DateTimeFormatter PARSER = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter();

    private static final DateTimeFormatter PRINTER = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private NabTimestampFormat() {}

    /**
     * Parses a NAB timestamp as UTC.
     *
     * @throws IllegalArgumentException naming the text when it is not in NAB's format
     */
    public static Instant parse(String text) {
        try {
            return LocalDateTime.parse(text.trim(), PARSER).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a NAB timestamp (yyyy-MM-dd HH:mm:ss, UTC): '" + text + "'", e);
        }
    }

    /** Formats an instant the way NAB's series files do (UTC, whole seconds). */
    public static String format(Instant time) {
        return PRINTER.format(LocalDateTime.ofInstant(time, ZoneOffset.UTC));
    }
}
