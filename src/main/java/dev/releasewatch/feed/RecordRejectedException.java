package dev.releasewatch.feed;

/**
 * A feed line that is not a valid record; the message is the reason shown to the user.
 *
 * <p>Checked and without a stack trace: rejection is an expected outcome on hostile input, thrown once per bad
 * line, and the trace would cost more than the parse. Public so that callers of
 * {@link JsonLineParser#parse(com.fasterxml.jackson.databind.JsonNode, String)} outside this package can catch it.
 */
public final class RecordRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    RecordRejectedException(final String reason) {
        super(reason, null, false, false);
    }
}
