package dev.releasewatch.http;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasewatch.alert.AlertJson;
import dev.releasewatch.alert.RecentAlerts;
import dev.releasewatch.config.HttpSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's HTTP endpoints, on a {@link BoundedHttpServer} (a slow or silent client cannot stall them):
 * {@code /metrics} (Prometheus text format), {@code /health} (200 while the topology runs or rebalances and Kafka
 * answers; 503 otherwise, with the reason, e.g. {@code "reason":"no broker reachable for 45 s"}, or once a rebalance
 * has lasted longer than {@code health.max-rebalance}; always with the Kafka Streams state as {@code "streams"}),
 * {@code /alerts} (the most recent alerts as JSON), and, when it is given a decision publisher,
 * {@code POST /decisions} ({@link DecisionsEndpoint}: accept a new normal).
 *
 * <p>{@code /decisions} changes what the monitor alerts on: with {@code http.auth.token} set it takes only requests
 * that carry that bearer token (401 otherwise). Without one, bind the server to a private address
 * ({@code metrics.bind}) or put a proxy that authenticates in front of it.
 *
 * <p>With {@link DashboardRoutes}, it also serves the dashboard page at {@code /} and its JSON API under
 * {@code /api/}.
 *
 * <p>A decision waits for Kafka's acknowledgement, up to 30 s when the broker is down, on a thread of the server's
 * pool, and must not take the threads that answer {@code /metrics} and {@code /health}: exactly when Kafka is in
 * trouble, Prometheus has to see it. {@link DecisionsEndpoint} refuses a decision with 503 at once when
 * {@value #DECISIONS_IN_FLIGHT} are already waiting, so at most that many of the pool's threads
 * ({@code http.threads}, at least {@link HttpSettings#MIN_THREADS}) ever wait for Kafka.
 */
public final class MonitorHttpServer implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(MonitorHttpServer.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Decisions that may wait for Kafka at once; operators decide a few times a day, so more means Kafka is slow. */
    static final int DECISIONS_IN_FLIGHT = 2;
    /** Largest decision body: a decision is a few short fields. */
    static final int MAX_DECISION_BYTES = 16 * 1024;

    private final BoundedHttpServer server;

    /**
     * Starts serving {@code /metrics}, {@code /health} and {@code /alerts} on {@code port} (0 picks a free one)
     * on all interfaces.
     *
     * @param registry the Prometheus registry to scrape
     * @param state    the current Kafka Streams state name (RUNNING, REBALANCING, ...)
     * @param alerts   recent alerts
     */
    public MonitorHttpServer(int port, PrometheusMeterRegistry registry, Supplier<String> state, RecentAlerts alerts) {
        this(null, port, registry, state, alerts, null, () -> null, HttpSettings.defaults());
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
     * @param settings          bearer token, timeouts and bounds of the server
     */
    public MonitorHttpServer(
            InetAddress bind,
            int port,
            PrometheusMeterRegistry registry,
            Supplier<String> state,
            RecentAlerts alerts,
            DecisionRecorder decisions,
            Supplier<Instant> finalEventTime,
            HttpSettings settings) {
        this(bind, port, registry, state, () -> null, alerts, decisions, finalEventTime, settings, null);
    }

    /**
     * As the constructor above, with a second reason to be not ready besides the Kafka Streams state, and the
     * dashboard's page and API ({@link DashboardRoutes}) unless {@code dashboard} is null.
     *
     * @param unreachable a reason to be not ready that the Kafka Streams state alone does not show, or null: Kafka
     *                    unreachable (e.g. "no broker reachable for 45 s": Kafka Streams stays RUNNING while its
     *                    clients retry), a rebalance that has lasted too long ({@link RebalanceWatch})
     */
    public MonitorHttpServer(
            InetAddress bind,
            int port,
            PrometheusMeterRegistry registry,
            Supplier<String> state,
            Supplier<String> unreachable,
            RecentAlerts alerts,
            DecisionRecorder decisions,
            Supplier<Instant> finalEventTime,
            HttpSettings settings,
            DashboardRoutes dashboard) {
        Map<String, HttpRoute> routes = new LinkedHashMap<>();
        routes.put(
                "/metrics",
                HttpRoute.quick(get(
                        call -> HttpAnswer.text(200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()))));
        routes.put("/health", HttpRoute.quick(get(call -> {
            String s = state.get();
            String reason = "RUNNING".equals(s) || "REBALANCING".equals(s)
                    ? unreachable.get()
                    : "Kafka Streams is in state " + s;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", reason == null ? "UP" : "DOWN");
            body.put("streams", s);
            if (reason != null) {
                body.put("reason", reason);
            }
            return HttpAnswer.json(reason == null ? 200 : 503, MAPPER.writeValueAsString(body));
        })));
        routes.put("/alerts", HttpRoute.quick(get(call -> {
            ArrayNode list = MAPPER.createArrayNode();
            alerts.snapshot().forEach(a -> list.add(AlertJson.toJson(a)));
            ObjectNode body = MAPPER.createObjectNode();
            body.set("alerts", list);
            return HttpAnswer.json(200, body.toString());
        })));
        if (decisions != null) {
            routes.put(
                    "/decisions",
                    new HttpRoute(
                            new DecisionsEndpoint(decisions, finalEventTime, DECISIONS_IN_FLIGHT),
                            MAX_DECISION_BYTES,
                            true,
                            null,
                            "",
                            status -> {}));
        }
        if (dashboard != null) {
            routes.putAll(dashboard.routes());
        }
        try {
            server = new BoundedHttpServer("http", bind, port, settings, routes);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException(e.getMessage() + " (metrics.bind, metrics.port)", e.getCause());
        }
        LOGGER.info(
                "Serving /metrics, /health, /alerts{}{} on http://{}:{}{}",
                decisions == null ? "" : " and /decisions",
                dashboard == null ? "" : ", the dashboard (/) and /api/",
                bind == null ? "localhost" : bind.getHostAddress(),
                port(),
                decisions != null && settings.authToken().required()
                        ? " (POST /decisions needs the bearer token)"
                        : "");
    }

    /** The port actually bound. */
    public int port() {
        return server.port();
    }

    private static HttpRoute.Handler get(HttpRoute.Handler route) {
        return call -> "GET".equals(call.method()) || "HEAD".equals(call.method())
                ? route.handle(call)
                : HttpAnswer.text(405, "text/plain", "method not allowed\n").withHeader("Allow", "GET");
    }

    @Override
    public void close() {
        server.close();
    }
}
