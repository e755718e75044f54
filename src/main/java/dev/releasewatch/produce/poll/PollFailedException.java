package dev.releasewatch.produce.poll;

/** One poll failed (API unreachable, not JSON, unexpected shape, Kafka transaction aborted); the next poll retries. */
public final class PollFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A failure for {@code reason}. */
    public PollFailedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
