package dev.releasewatch.produce.ingest;

/**
 * Why one record of a request was not accepted.
 *
 * @param index  0-based position of the record in the body: the array element, or the line for JSON Lines
 *               (blank lines included, so {@code index + 1} is the line number an editor shows)
 * @param reason short human reason, e.g. {@code missing name}
 */
public record Rejection(int index, String reason) {}
