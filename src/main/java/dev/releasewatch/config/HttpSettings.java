package dev.releasewatch.config;

import java.time.Duration;

/**
 * How the HTTP servers ({@code run}'s monitor endpoints and {@code ingest}) protect themselves from clients.
 *
 * <p>A client that opens a connection and sends nothing, or a header and one byte of a body, must not hold a
 * thread nor keep others out: the servers read without blocking a thread, drop a connection silent for
 * {@code readTimeout}, give a whole request body at most {@code bodyTimeout}, and accept at most
 * {@code maxConnections} at once (well above what stalled clients need to be noticed, each costs a socket and a
 * buffer, not a thread). {@code threads} bounds the threads that run requests.
 *
 * @param authToken      bearer token state-changing requests must carry ({@code http.auth.token}); none when empty
 * @param readTimeout    a connection on which nothing arrives this long is closed ({@code http.read-timeout})
 * @param bodyTimeout    a request body not complete after this long is answered 408 ({@code http.body-timeout})
 * @param maxConnections connections open at once; more wait in the TCP backlog ({@code http.max-connections})
 * @param threads        threads of the server's pool ({@code http.threads})
 */
public record HttpSettings(
        BearerToken authToken, Duration readTimeout, Duration bodyTimeout, int maxConnections, int threads) {

    /** The smallest pool Jetty runs on: an acceptor, a selector and a few request threads. */
    public static final int MIN_THREADS = 8;

    /** Validates the values. */
    public HttpSettings {
        if (authToken == null) {
            throw new IllegalArgumentException("authToken must not be null; use BearerToken.none()");
        }
        if (readTimeout.isNegative() || readTimeout.isZero() || bodyTimeout.isNegative() || bodyTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxConnections < 1 || threads < MIN_THREADS) {
            throw new IllegalArgumentException("need at least one connection and " + MIN_THREADS + " threads, got "
                    + maxConnections + " and " + threads);
        }
    }

    /** No token, 10 s read timeout, 30 s per body, 2,000 connections, 32 threads. */
    public static HttpSettings defaults() {
        return new HttpSettings(BearerToken.none(), Duration.ofSeconds(10), Duration.ofSeconds(30), 2000, 32);
    }

    /** A copy with another token. */
    public HttpSettings withAuthToken(BearerToken token) {
        return new HttpSettings(token, readTimeout, bodyTimeout, maxConnections, threads);
    }
}
