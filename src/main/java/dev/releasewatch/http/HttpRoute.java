package dev.releasewatch.http;

import java.util.concurrent.Executor;
import java.util.function.IntConsumer;

/**
 * A path served by {@link BoundedHttpServer} and how: the handler, the largest body it reads, whether its
 * state-changing requests need the bearer token, and where it runs.
 *
 * @param handler   answers a request
 * @param maxBody   largest body read, in bytes; 0 reads none (GET-only routes). Larger bodies get 413 unread
 * @param guarded   whether requests other than GET and HEAD must carry the configured bearer token
 * @param executor  where the handler runs; null runs it on the server's own pool, which suits quick handlers and
 *                  those that bound their own waiting (decisions); an ingest that waits for Kafka gets its own
 * @param tooLarge  what a 413 adds to "body larger than N bytes" (a hint such as "; split it")
 * @param answered  told the status of every answer on this route, including the server's own 401/408/413/503
 */
public record HttpRoute(
        Handler handler, int maxBody, boolean guarded, Executor executor, String tooLarge, IntConsumer answered) {

    /** Answers a request; the server turns an exception into a 500. */
    @FunctionalInterface
    public interface Handler {
        /** The answer to {@code call}. */
        HttpAnswer handle(HttpCall call) throws Exception;
    }

    /** A read-only route that reads no body and runs on the server's pool. */
    public static HttpRoute quick(Handler handler) {
        return new HttpRoute(handler, 0, false, null, "", status -> {});
    }
}
