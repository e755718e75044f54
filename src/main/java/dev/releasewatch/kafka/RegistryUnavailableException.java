package dev.releasewatch.kafka;

/**
 * The schema registry could not be asked for a record's schema (unreachable, timed out, or a server error). The
 * record itself may be fine, so it is not dead-lettered: the failure stops the task, which reprocesses the record
 * once the registry answers (exactly-once: nothing is counted twice or lost).
 */
public final class RegistryUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With what failed. */
    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
