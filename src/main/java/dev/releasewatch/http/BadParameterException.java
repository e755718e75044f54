package dev.releasewatch.http;

/** A request parameter that is missing, unknown or malformed: the API answers 400 with this one-line message. */
final class BadParameterException extends Exception {

    private static final long serialVersionUID = 1L;

    BadParameterException(String message) {
        super(message);
    }
}
