package dev.releasewatch.kafka;

/** A record's bytes are not a record of the expected type in any accepted framing; the message says why. */
public final class MalformedRecordException extends Exception {

    private static final long serialVersionUID = 1L;

    /** With the reason, which is also the dead letter's detail. */
    public MalformedRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
