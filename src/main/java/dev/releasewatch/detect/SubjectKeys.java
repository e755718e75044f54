package dev.releasewatch.detect;

import java.util.List;

import dev.releasewatch.avro.Scope;

/**
 * How subjects are named in the {@link SubjectStore}: {@code <scope code>/<subject>}, stored under {@code s/}. The
 * scope codes sort categories, then groups, then the feed, which is the order the engine publishes in.
 */
final class SubjectKeys {

    /** Prefix of every subject's state key. */
    static final String STATE_PREFIX = "s/";
    /**
     * The stable one-digit code of each scope in the store keys, in the order their keys sort. It is what the first
     * release wrote (the enum's ordinals then), frozen here so that adding or moving a constant cannot change what a
     * stored key means.
     */
    private static final List<Scope> SCOPE_CODES = List.of(Scope.CATEGORY, Scope.GROUP, Scope.TOTAL);

    private SubjectKeys() {}

    /** The key of a subject, e.g. {@code 1/RAZOR}; its state is stored under {@link #stateKey}. */
    static String keyOf(Scope scope, String subject) {
        return code(scope) + "/" + subject;
    }

    static Scope scopeOf(String key) {
        return SCOPE_CODES.get(key.charAt(0) - '0');
    }

    static String subjectOf(String key) {
        return key.substring(2);
    }

    static String stateKey(String key) {
        return STATE_PREFIX + key;
    }

    /** The prefix of the state keys of every subject of {@code scope}. */
    static String statePrefix(Scope scope) {
        return STATE_PREFIX + code(scope) + "/";
    }

    private static int code(Scope scope) {
        int code = SCOPE_CODES.indexOf(scope);
        if (code < 0) {
            throw new IllegalArgumentException("scope " + scope + " has no store code; add it to SCOPE_CODES");
        }
        return code;
    }
}
