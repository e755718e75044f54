package dev.releasewatch.produce.ingest;

/**
 * The request body as a whole cannot be read (a JSON array that is not valid JSON), so no record in it is
 * accepted: the client gets a 400 and must fix and resend the body.
 */
public final class UnreadableBodyException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A body rejected for {@code reason}. */
    public UnreadableBodyException(String reason) {
        super(reason, null, false, false);
    }
}
