package dev.releasewatch.produce.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.releasewatch.avro.ReleaseAnnouncement;
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
 * <p>Also serves {@code GET /metrics} (when the registry is a Prometheus one) and {@code GET /health}.
 */
public final class IngestServer implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(IngestServer.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_SOURCE_LENGTH = 128;
    private static final long DRAIN_CAP_BYTES = 64L * 1024 * 1024;

    private final IngestSettings settings;
    private final FeedPublisher publisher;
    private final IngestMetrics metrics;
    private final IngestBodyParser parser = new IngestBodyParser();
    private final HttpServer server;
    private final ExecutorService executor;

    /**
     * Starts listening on all interfaces.
     *
     * @param settings  port, limits, timeouts
     * @param publisher publisher to the input topic; shared by all requests (and not closed by this server)
     * @param registry  where the metrics go; a {@link PrometheusMeterRegistry} is also served on {@code /metrics}
     */
    public IngestServer(IngestSettings settings, FeedPublisher publisher, MeterRegistry registry) {
        this.settings = settings;
        this.publisher = publisher;
        this.metrics = new IngestMetrics(registry);
        try {
            server = HttpServer.create(new InetSocketAddress(settings.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + settings.port() + ": " + e.getMessage(), e);
        }
        server.createContext("/ingest", this::ingest);
        server.createContext("/health", exchange -> {
            try (exchange) {
                respond(exchange, 200, "{\"status\":\"UP\"}");
            }
        });
        if (registry instanceof PrometheusMeterRegistry prometheus) {
            server.createContext("/metrics", exchange -> {
                try (exchange) {
                    byte[] bytes = prometheus.scrape().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                    exchange.sendResponseHeaders(200, bytes.length);
                    exchange.getResponseBody().write(bytes);
                }
            });
        }
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "ingest-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        LOGGER.info(
                "Accepting POST /ingest on http://localhost:{}/ingest (max body {} bytes)",
                port(),
                settings.maxBodyBytes());
    }

    /** The port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void ingest(HttpExchange exchange) {
        try (exchange) {
            int status = handle(exchange);
            metrics.request(status);
        } catch (IOException e) {
            // the client went away mid-request; nothing was published for a body we could not read
            LOGGER.debug("Ingest request from {} aborted: {}", exchange.getRemoteAddress(), e.toString());
        } catch (RuntimeException e) {
            LOGGER.warn("Ingest request from {} failed", exchange.getRemoteAddress(), e);
            metrics.request(500);
            try {
                respond(
                        exchange,
                        500,
                        error("internal error: " + e.getClass().getSimpleName()).toString());
            } catch (IOException | RuntimeException ignored) {
                // headers may already be sent; the connection is closed either way
            }
        }
    }

    private int handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.equals("/ingest") && !path.equals("/ingest/")) {
            return respond(exchange, 404, error("no such path; POST to /ingest").toString());
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            return respond(
                    exchange,
                    405,
                    error("method " + exchange.getRequestMethod() + " not allowed; use POST")
                            .toString());
        }
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            return respond(
                    exchange,
                    415,
                    error("Content-Encoding " + encoding + " is not supported; send the body uncompressed")
                            .toString());
        }
        String source = source(exchange.getRequestHeaders().getFirst("X-Source"));
        if (source == null) {
            return respond(
                    exchange,
                    400,
                    error("X-Source must be 1.." + MAX_SOURCE_LENGTH + " printable characters")
                            .toString());
        }
        long declared = contentLength(exchange.getRequestHeaders().getFirst("Content-Length"));
        if (declared > settings.maxBodyBytes()) {
            return tooLarge(exchange);
        }
        byte[] body = readBounded(exchange.getRequestBody(), settings.maxBodyBytes());
        if (body == null) {
            return tooLarge(exchange);
        }
        IngestBatch batch;
        try {
            batch = parser.parse(exchange.getRequestHeaders().getFirst("Content-Type"), body, source);
        } catch (UnreadableBodyException e) {
            ObjectNode answer = error(e.getMessage());
            answer.put("accepted", 0);
            return respond(exchange, 400, answer.toString());
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
            return respond(exchange, 503, answer.toString());
        }
        return respond(exchange, 200, answer.toString());
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

    private int tooLarge(HttpExchange exchange) throws IOException {
        // Closing a socket with unread request bytes makes TCP send a reset, which destroys the 413 before the
        // client reads it: so the rest of a moderately oversized body is read and discarded. Beyond the cap the
        // connection is simply closed; a client sending that much gets no explanation.
        drain(exchange.getRequestBody(), DRAIN_CAP_BYTES);
        exchange.getResponseHeaders().set("Connection", "close");
        return respond(
                exchange,
                413,
                error("body larger than " + settings.maxBodyBytes() + " bytes; split it")
                        .toString());
    }

    private static void drain(InputStream in, long cap) throws IOException {
        long skipped = 0;
        byte[] buffer = new byte[65536];
        int n;
        while (skipped < cap && (n = in.read(buffer)) > 0) {
            skipped += n;
        }
    }

    private static long contentLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Reads the whole body, or returns null as soon as it proves longer than {@code limit}. */
    static byte[] readBounded(InputStream in, int limit) throws IOException {
        byte[] body = in.readNBytes(limit);
        if (body.length == limit && in.read() != -1) {
            return null;
        }
        return body;
    }

    private static ObjectNode error(String message) {
        return MAPPER.createObjectNode().put("error", message);
    }

    private static int respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        return status;
    }

    /** Stops accepting requests, letting those in progress finish for up to 2 s. */
    @Override
    public void close() {
        server.stop(2);
        executor.shutdown();
    }
}
