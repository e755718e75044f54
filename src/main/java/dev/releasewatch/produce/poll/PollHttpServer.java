package dev.releasewatch.produce.poll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} (Prometheus text) and {@code GET /health} of a running poller, on the JDK's HTTP server: the
 * poller is a separate process from the monitor, and its counters are only useful when something scrapes them.
 *
 * <p>{@code /health} answers 200 {@code {"status":"UP"}} while polls succeed and 503 {@code {"status":"DOWN"}} after
 * {@link #DOWN_AFTER_FAILURES} failed polls in a row (API unreachable, rejecting us, or answering errors), with the
 * count and the time of the last success, so a container orchestrator or a blackbox probe sees a poller that runs
 * but publishes nothing.
 */
public final class PollHttpServer implements AutoCloseable {

    /** Failed polls in a row after which {@code /health} says DOWN. */
    public static final int DOWN_AFTER_FAILURES = 3;

    private static final Logger LOGGER = LoggerFactory.getLogger(PollHttpServer.class);

    private final HttpServer server;

    /**
     * Starts listening.
     *
     * @param bind      address to listen on, or null for every interface
     * @param port      port, 0 for any free one
     * @param registry  the registry served on {@code /metrics}
     * @param failures  failed polls in a row
     * @param lastSuccess time of the last successful poll, or null
     */
    public PollHttpServer(
            InetAddress bind,
            int port,
            PrometheusMeterRegistry registry,
            IntSupplier failures,
            Supplier<Instant> lastSuccess) {
        try {
            server = HttpServer.create(
                    bind == null ? new InetSocketAddress(port) : new InetSocketAddress(bind, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port + ": " + e.getMessage(), e);
        }
        server.createContext("/metrics", exchange -> {
            try (exchange) {
                respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
            }
        });
        server.createContext("/health", exchange -> {
            try (exchange) {
                int n = failures.getAsInt();
                Instant last = lastSuccess.get();
                ObjectNode body = JsonNodeFactory.instance.objectNode();
                body.put("status", n >= DOWN_AFTER_FAILURES ? "DOWN" : "UP");
                body.put("consecutiveFailures", n);
                body.put("lastSuccess", last == null ? null : last.toString());
                respond(exchange, n >= DOWN_AFTER_FAILURES ? 503 : 200, "application/json", body.toString());
            }
        });
        server.start();
        LOGGER.info("Poller metrics on http://localhost:{}/metrics, health on /health", port());
    }

    /** The port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
