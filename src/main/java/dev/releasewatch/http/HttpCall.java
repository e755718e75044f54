package dev.releasewatch.http;

import java.util.function.UnaryOperator;

/**
 * One request as a route sees it, after {@link BoundedHttpServer} has read the whole body (within its limit and
 * timeout): the routes stay plain synchronous functions and never touch the socket.
 *
 * @param method  the HTTP method
 * @param path    the path, without the query
 * @param query   the raw query string (after {@code ?}, still percent-encoded), empty when there is none
 * @param headers the value of a header by name (null when absent)
 * @param body    the body, empty when there is none or the route reads none
 * @param remote  the client's address, for logs
 */
public record HttpCall(
        String method, String path, String query, UnaryOperator<String> headers, byte[] body, String remote) {

    /** The first value of header {@code name}, or null. */
    public String header(String name) {
        return headers.apply(name);
    }
}
