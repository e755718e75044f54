package dev.releasewatch.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The secret that state-changing HTTP requests ({@code POST /decisions}, {@code POST /ingest}) must present as
 * {@code Authorization: Bearer <token>} when one is configured ({@code http.auth.token}).
 *
 * <p>Only the SHA-256 digest of the token is kept, and a presented token is compared by digest with
 * {@link MessageDigest#isEqual}, which takes the same time wherever the bytes differ: a client cannot learn the
 * token one character at a time from how fast it is refused, and comparing digests hides its length too.
 * {@link #toString()} never shows the token, so a record holding it can be logged.
 */
public final class BearerToken {

    private static final BearerToken NONE = new BearerToken(null);
    private static final String SCHEME = "Bearer ";

    private final byte[] digest;

    private BearerToken(byte[] digest) {
        this.digest = digest;
    }

    /** No token: every request is let through (the endpoints are then for a private network only). */
    public static BearerToken none() {
        return NONE;
    }

    /** The token {@code secret}; blank means {@link #none()}. */
    public static BearerToken of(String secret) {
        if (secret == null || secret.isBlank()) {
            return NONE;
        }
        return new BearerToken(sha256(secret.strip()));
    }

    /** Whether a token is configured. */
    public boolean required() {
        return digest != null;
    }

    /**
     * Whether an {@code Authorization} header value lets the request through: always when no token is configured,
     * otherwise only {@code Bearer <the token>}.
     */
    public boolean admits(String authorization) {
        if (digest == null) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        return MessageDigest.isEqual(
                digest, sha256(authorization.substring(SCHEME.length()).strip()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return digest == null ? "BearerToken[none]" : "BearerToken[****]";
    }
}
