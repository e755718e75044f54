package dev.releasewatch.produce.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.config.HttpSettings;
import dev.releasewatch.http.BoundedHttpServer;
import dev.releasewatch.http.HttpAnswer;
import dev.releasewatch.http.HttpCall;
import dev.releasewatch.http.HttpRoute;
import dev.releasewatch.produce.FeedPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /ingest}: publishes the announcements of a request body to the input topic and answers
 * {@code {"accepted": n, "rejected": m, "errors": [{"index": i, "reason": "..."}]}} only once Kafka has
 * acknowledged every accepted record, so a 200 means the records are durable (acks=all, idempotent producer).
 *
 * <p>Status codes: 200 every valid record acknowledged (invalid ones are listed, not fatal; so is a record too large
 * for Kafka to ever accept, see {@link Delivery}); 400 unreadable body or bad {@code X-Source}; 405 not a POST;
 * 413 body over the limit (refused before it is read); 415 compressed body; 503 Kafka did not acknowledge some
 * records in time ({@code unacknowledged} says how many). After a 503 the client should resend the same body: records
 * that did arrive are dropped as duplicates by the topology's name-based de-duplication, so a retry cannot
 * double-count.
 *
 * <p>With a bearer token configured ({@code http.auth.token}), {@code POST /ingest} without it is 401. The server is
 * a {@link BoundedHttpServer}: bodies are read without holding a thread and within a timeout (408), so slow clients
 * cannot stall it; {@code IngestSettings#threads()} requests publish at once, a few more per thread wait, and
 * beyond that a request is refused with 503 (resend it later).
 *
 * <p>Also serves {@code GET /metrics} (when the registry is a Prometheus one) and {@code GET /health}.
 */
public final class IngestServer implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(IngestServer.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_SOURCE_LENGTH = 128;
    /** Requests waiting for a thread, per thread, before more are refused with 503. */
    private static final int QUEUED_PER_THREAD = 4;

    private final IngestSettings settings;
    private final FeedPublisher publisher;
    private final IngestMetrics metrics;
    private final IngestBodyParser parser = new IngestBodyParser();
    private final BoundedHttpServer server;
    private final ThreadPoolExecutor executor;

    /**
     * Starts listening on all interfaces, with the default HTTP bounds and no token.
     *
     * @param settings  port, limits, timeouts
     * @param publisher publisher to the input topic; shared by all requests (and not closed by this server)
     * @param registry  where the metrics go; a {@link PrometheusMeterRegistry} is also served on {@code /metrics}
     */
    public IngestServer(IngestSettings settings, FeedPublisher publisher, MeterRegistry registry) {
        this(settings, publisher, registry, HttpSettings.defaults());
    }

    /**
     * Starts listening on all interfaces.
     *
     * @param settings  port, limits, timeouts
     * @param publisher publisher to the input topic; shared by all requests (and not closed by this server)
     * @param registry  where the metrics go; a {@link PrometheusMeterRegistry} is also served on {@code /metrics}
     * @param http      bearer token for {@code POST /ingest}, read timeouts and connection bounds
     */
    public IngestServer(IngestSettings settings, FeedPublisher publisher, MeterRegistry registry, HttpSettings http) {
        this.settings = settings;
        this.publisher = publisher;
        this.metrics = new IngestMetrics(registry);
        AtomicInteger n = new AtomicInteger();
        executor = new ThreadPoolExecutor(
                settings.threads(),
                settings.threads(),
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_PER_THREAD * settings.threads()),
                r -> {
                    Thread t = new Thread(r, "ingest-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        Map<String, HttpRoute> routes = new LinkedHashMap<>();
        routes.put(
                "/ingest",
                new HttpRoute(this::handle, settings.maxBodyBytes(), true, executor, "; split it", metrics::request));
        routes.put("/health", HttpRoute.quick(call -> HttpAnswer.json(200, "{\"status\":\"UP\"}")));
        if (registry instanceof PrometheusMeterRegistry prometheus) {
            routes.put(
                    "/metrics",
                    HttpRoute.quick(call ->
                            HttpAnswer.text(200, "text/plain; version=0.0.4; charset=utf-8", prometheus.scrape())));
        }
        try {
            server = new BoundedHttpServer("ingest-http", null, settings.port(), http, routes);
        } catch (RuntimeException e) {
            executor.shutdown();
            throw e;
        }
        LOGGER.info(
                "Accepting POST /ingest on http://localhost:{}/ingest (max body {} bytes{})",
                port(),
                settings.maxBodyBytes(),
                http.authToken().required() ? ", bearer token required" : "");
    }

    /** The port actually bound. */
    public int port() {
        return server.port();
    }

    private HttpAnswer handle(HttpCall call) {
        if (!"POST".equals(call.method())) {
            return error(405, "method " + call.method() + " not allowed; use POST")
                    .withHeader("Allow", "POST");
        }
        String encoding = call.header("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            return error(415, "Content-Encoding " + encoding + " is not supported; send the body uncompressed");
        }
        String source = source(call.header("X-Source"));
        if (source == null) {
            return error(400, "X-Source must be 1.." + MAX_SOURCE_LENGTH + " printable characters");
        }
        IngestBatch batch;
        try {
            batch = parser.parse(call.header("Content-Type"), call.body(), source);
        } catch (UnreadableBodyException e) {
            ObjectNode answer = MAPPER.createObjectNode().put("error", e.getMessage());
            answer.put("accepted", 0);
            return HttpAnswer.json(400, answer.toString());
        }
        Delivery delivery = publish(batch);
        List<Rejection> refused = delivery.refused();
        int rejected = batch.rejected() + refused.size();
        metrics.records(delivery.acknowledgedCount(), rejected, delivery.unacknowledgedCount());
        if (!refused.isEmpty()) {
            LOGGER.info(
                    "Ingest: Kafka refused {} of {} records for good, first: {}",
                    refused.size(),
                    batch.records().size(),
                    refused.get(0));
        }
        ObjectNode answer = MAPPER.createObjectNode();
        answer.put("accepted", delivery.acknowledgedCount());
        answer.put("rejected", rejected);
        ArrayNode errors = answer.putArray("errors");
        for (Rejection r : batch.rejectionsWith(refused, parser.maxListed())) {
            errors.addObject().put("index", r.index()).put("reason", r.reason());
        }
        long unacknowledged = delivery.unacknowledgedCount();
        if (unacknowledged > 0) {
            answer.put("unacknowledged", unacknowledged);
            answer.put(
                    "error",
                    "Kafka did not acknowledge " + unacknowledged + " of "
                            + batch.records().size() + " records: " + delivery.firstError()
                            + "; resend the body (duplicates are dropped by name)");
            LOGGER.warn(
                    "Ingest: {} of {} records not acknowledged: {}",
                    unacknowledged,
                    batch.records().size(),
                    delivery.firstError());
            return HttpAnswer.json(503, answer.toString());
        }
        return HttpAnswer.json(200, answer.toString());
    }

    /**
     * Sends the records and waits for their acknowledgements. Sending is serialised because {@link FeedPublisher}
     * is not thread-safe and because it keeps one request's records contiguous; waiting is not, so slow
     * acknowledgements of one request do not hold back the others' sends.
     */
    private Delivery publish(IngestBatch batch) {
        Delivery d = new Delivery();
        List<ReleaseAnnouncement> records = batch.records();
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        synchronized (publisher) {
            for (int i = 0; i < records.size(); i++) {
                try {
                    acks.add(publisher.send(records.get(i)));
                } catch (KafkaException e) {
                    acks.add(null);
                    d.failed(batch.indexes().get(i), e);
                }
            }
        }
        long deadline = System.nanoTime() + settings.ackTimeout().toNanos();
        for (int i = 0; i < acks.size(); i++) {
            Future<RecordMetadata> ack = acks.get(i);
            if (ack == null) {
                continue;
            }
            int index = batch.indexes().get(i);
            try {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                d.acknowledged();
            } catch (ExecutionException e) {
                d.failed(index, e.getCause());
            } catch (TimeoutException e) {
                d.failed(index, new TimeoutException("no acknowledgement within " + settings.ackTimeout()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                d.failed(index, e);
            }
        }
        return d;
    }

    private String source(String header) {
        if (header == null || header.isBlank()) {
            return settings.defaultSource();
        }
        String s = header.strip();
        if (s.length() > MAX_SOURCE_LENGTH || s.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return s;
    }

    private static HttpAnswer error(int status, String message) {
        return HttpAnswer.error(status, message);
    }

    /** Stops accepting requests; those waiting for Kafka are abandoned (their clients see the connection close). */
    @Override
    public void close() {
        server.close();
        executor.shutdown();
    }
}
