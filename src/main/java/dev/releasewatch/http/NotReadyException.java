package dev.releasewatch.http;

/**
 * The stores cannot answer right now (a rebalance moves them, they are restoring, or the instance that holds them
 * did not answer): the API answers 503 with this message and {@code Retry-After}, rather than a partial answer that
 * would look exact.
 */
final class NotReadyException extends Exception {

    private static final long serialVersionUID = 1L;

    NotReadyException(String message) {
        super(message);
    }
}
