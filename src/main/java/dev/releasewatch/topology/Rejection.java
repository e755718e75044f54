package dev.releasewatch.topology;

/**
 * Why a record is not counted.
 *
 * @param code   machine-readable reason: MALFORMED, INVALID, LATE or FUTURE
 * @param reason what a person needs to know to fix it
 */
record Rejection(String code, String reason) {

    static Rejection malformed(String reason) {
        return new Rejection("MALFORMED", reason);
    }

    static Rejection invalid(String reason) {
        return new Rejection("INVALID", reason);
    }

    static Rejection late(String reason) {
        return new Rejection("LATE", reason);
    }

    static Rejection future(String reason) {
        return new Rejection("FUTURE", reason);
    }
}
