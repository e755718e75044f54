package dev.releasewatch.produce.poll;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live WebSocket feed of rows (predb.ovh: frames {@code {"action": insert|update|nuke|unnuke|modnuke|delpre|
 * undelpre, "row": {...}}}), kept connected: after a close or an error it reconnects with exponential backoff.
 *
 * <p>It never decides what is new: it hands every row to {@code rows} and signals {@code connected} after each
 * successful (re)connect, upon which the poller polls the HTTP endpoint at once. That catch-up is what makes a
 * disconnect lose nothing: the rows announced while the socket was down are on the polling endpoint's latest page,
 * and the poller's cursor drops whatever the socket had already delivered. The JDK's {@link WebSocket} client is
 * used; one daemon thread schedules the reconnects.
 */
final class LiveFeed implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(LiveFeed.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /**
     * Largest frame kept, in characters: a release row is well under a kilobyte, so anything near this is not one of
     * the service's frames, and buffering it without bound would let the server exhaust the poller's memory.
     */
    static final int MAX_FRAME_CHARS = 1 << 20;

    private final URI url;
    private final HttpClient http;
    private final Consumer<JsonNode> rows;
    private final Runnable connected;
    private final PollMetrics metrics;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "live-feed");
        t.setDaemon(true);
        return t;
    });

    private volatile boolean closed;
    private volatile WebSocket socket;
    /** Failed connects in a row; touched by the scheduler thread and the client's callbacks, one at a time. */
    private int failures;

    LiveFeed(
            URI url,
            HttpClient http,
            Consumer<JsonNode> rows,
            Runnable connected,
            PollMetrics metrics,
            Duration initialBackoff,
            Duration maxBackoff) {
        this.url = url;
        this.http = http;
        this.rows = rows;
        this.connected = connected;
        this.metrics = metrics;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** Connects (asynchronously); from then on it stays connected until {@link #close()}. */
    void start() {
        scheduler.execute(this::connect);
    }

    private void connect() {
        if (closed) {
            return;
        }
        http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .header("User-Agent", "release-watch-poller")
                .buildAsync(url, new Listener())
                .whenComplete((ws, e) -> {
                    if (e != null) {
                        LOGGER.warn("Live feed {}: cannot connect: {}", url, e.getCause() != null ? e.getCause() : e);
                        reconnectLater();
                    }
                });
    }

    private synchronized void reconnectLater() {
        socket = null;
        if (closed) {
            return;
        }
        failures++;
        long millis = Math.min(initialBackoff.toMillis() << Math.min(failures - 1, 20), maxBackoff.toMillis());
        scheduler.schedule(this::connect, millis, TimeUnit.MILLISECONDS);
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder text = new StringBuilder();
        private boolean oversized;

        @Override
        public void onOpen(WebSocket webSocket) {
            synchronized (LiveFeed.this) {
                failures = 0;
                socket = webSocket;
            }
            metrics.live("connected");
            LOGGER.info("Live feed {} connected; catching up through the polling endpoint", url);
            connected.run();
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (text.length() + data.length() <= MAX_FRAME_CHARS) {
                text.append(data);
            } else {
                oversized = true;
            }
            if (last) {
                String frame = text.toString();
                text.setLength(0);
                if (oversized) {
                    oversized = false;
                    metrics.live("bad_frame");
                    LOGGER.warn("Live feed {}: frame over {} characters dropped", url, MAX_FRAME_CHARS);
                } else {
                    handle(frame);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            metrics.live("disconnected");
            LOGGER.warn("Live feed {} closed ({} {}); reconnecting", url, statusCode, reason);
            reconnectLater();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            metrics.live("disconnected");
            LOGGER.warn("Live feed {} failed: {}; reconnecting", url, error.toString());
            reconnectLater();
        }
    }

    private void handle(String frame) {
        try {
            JsonNode node = MAPPER.readTree(frame);
            JsonNode row = node == null ? null : node.get("row");
            if (row == null || !row.isObject()) {
                metrics.live("bad_frame");
                LOGGER.debug("Live feed {}: frame without a row: {}", url, frame);
                return;
            }
            metrics.live("frame");
            rows.accept(row);
        } catch (RuntimeException e) {
            // a row the poller cannot use must not abort the connection (the JDK client closes it when a listener
            // throws): it is counted and the next frame is read; the catch-up poll after any reconnect has it anyway
            metrics.live("bad_frame");
            LOGGER.warn("Live feed {}: frame not usable: {}", url, e.toString());
        } catch (IOException e) {
            metrics.live("bad_frame");
            LOGGER.debug("Live feed {}: unreadable frame: {}", url, e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }
}
