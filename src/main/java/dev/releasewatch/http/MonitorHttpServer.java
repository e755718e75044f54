package dev.releasewatch.http;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.releasewatch.alert.AlertJson;
import dev.releasewatch.alert.RecentAlerts;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's HTTP endpoints, on the JDK's built-in server (no extra dependency for four routes):
 * {@code /metrics} (Prometheus text format), {@code /health} (200 while the topology runs, 503 otherwise,
 * with the Kafka Streams state), {@code /alerts} (the most recent alerts as JSON), and, when it is given a
 * decision publisher, {@code POST /decisions} ({@link DecisionsEndpoint}: accept a new normal).
 *
 * <p>{@code /decisions} changes what the monitor alerts on and has no authentication of its own, so where
 * the port is reachable by more than the operators, bind the server to a private address
 * ({@code metrics.bind}) and put a proxy that authenticates in front of it.
 *
 * <p>One pool serves every route. A decision waits for Kafka's acknowledgement, up to 30 s when the broker is
 * down, and must not take the threads that answer {@code /metrics} and {@code /health}: exactly when Kafka is in
 * trouble, Prometheus has to see it. So the pool has {@value #QUICK_THREADS} threads for the quick routes on top of
 * the {@value #DECISIONS_IN_FLIGHT} that waiting decisions may hold, and {@link DecisionsEndpoint} refuses a decision
 * with 503 at once when that many are already waiting. The bound is what protects the quick routes; a second
 * executor for decisions would need the same bound, and keeping every exchange on the thread that received it keeps
 * {@link DecisionsEndpoint} a plain synchronous handler.
 */
public final class MonitorHttpServer implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(MonitorHttpServer.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Threads left for {@code /metrics}, {@code /health}, {@code /alerts} (and refusing decisions) however many
     * decisions wait.
     */
    static final int QUICK_THREADS = 2;
    /**
     * Decisions that may wait for Kafka at once; operators decide a few times a day, so more means Kafka is slow or
     * down.
     */
    static final int DECISIONS_IN_FLIGHT = 2;

    private final HttpServer server;
    private final ExecutorService executor;

    /**
     * Starts serving {@code /metrics}, {@code /health} and {@code /alerts} on {@code port} (0 picks a free one)
     * on all interfaces.
     *
     * @param registry the Prometheus registry to scrape
     * @param state    the current Kafka Streams state name (RUNNING, REBALANCING, ...)
     * @param alerts   recent alerts
     */
    public MonitorHttpServer(int port, PrometheusMeterRegistry registry, Supplier<String> state, RecentAlerts alerts) {
        this(null, port, registry, state, alerts, null, () -> null);
    }

    /**
     * Starts serving on {@code port} (0 picks a free one) of {@code bind}.
     *
     * @param bind              the address to listen on; null for all interfaces
     * @param registry          the Prometheus registry to scrape
     * @param state             the current Kafka Streams state name (RUNNING, REBALANCING, ...)
     * @param alerts            recent alerts
     * @param decisions         where {@code POST /decisions} records; null serves no {@code /decisions}
     * @param finalEventTime    the event time every window is final up to (null before any, or on an instance that
     *                          does not detect): a decision takes effect there
     */
    public MonitorHttpServer(
            InetAddress bind,
            int port,
            PrometheusMeterRegistry registry,
            Supplier<String> state,
            RecentAlerts alerts,
            DecisionRecorder decisions,
            Supplier<Instant> finalEventTime) {
        InetSocketAddress address = bind == null ? new InetSocketAddress(port) : new InetSocketAddress(bind, port);
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot listen on " + (bind == null ? "port " + port : address) + " (metrics.bind, metrics.port): "
                            + e.getMessage(),
                    e);
        }
        server.createContext(
                "/metrics", get(ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape())));
        server.createContext("/health", get(ex -> {
            String s = state.get();
            boolean up = "RUNNING".equals(s) || "REBALANCING".equals(s);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", up ? "UP" : "DOWN");
            body.put("streams", s);
            respond(ex, up ? 200 : 503, "application/json", MAPPER.writeValueAsString(body));
        }));
        server.createContext("/alerts", get(ex -> {
            ArrayNode list = MAPPER.createArrayNode();
            alerts.snapshot().forEach(a -> list.add(AlertJson.toJson(a)));
            ObjectNode body = MAPPER.createObjectNode();
            body.set("alerts", list);
            respond(ex, 200, "application/json", body.toString());
        }));
        if (decisions != null) {
            server.createContext("/decisions", new DecisionsEndpoint(decisions, finalEventTime, DECISIONS_IN_FLIGHT));
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(
                decisions == null ? QUICK_THREADS : QUICK_THREADS + DECISIONS_IN_FLIGHT, r -> {
                    Thread t = new Thread(r, "http-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        server.setExecutor(executor);
        server.start();
        LOGGER.info(
                "Serving /metrics, /health, /alerts{} on http://{}:{}",
                decisions == null ? "" : " and /decisions",
                bind == null ? "localhost" : bind.getHostAddress(),
                port());
    }

    /** The port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    private interface Route {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static HttpHandler get(Route route) {
        return exchange -> {
            try (exchange) {
                if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                    respond(exchange, 405, "text/plain", "method not allowed\n");
                    return;
                }
                route.handle(exchange);
            } catch (RuntimeException e) {
                LOGGER.warn("HTTP {} failed: {}", exchange.getRequestURI(), e.toString());
            }
        };
    }

    static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
    }
}
