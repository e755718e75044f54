package dev.releasewatch.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards alerts to Prometheus Alertmanager ({@code POST {url}/api/v2/alerts}), so the monitor's
 * incidents get Alertmanager's routing, grouping, silencing and receivers (mail, chat, paging).
 *
 * <p><b>Mapping.</b> See {@link AlertmanagerPayload}: {@code alertname} is {@code ReleaseFeedDrop} or
 * {@code ReleaseFeedSpike}; FIRING posts {@code startsAt} = the alert's {@code detectedAt} and an
 * {@code endsAt} {@link #OPEN_FOR_RESENDS} re-send intervals ahead of the post; RESOLVED posts the same label
 * set with {@code endsAt} = when it resolved. Event times are clamped to the wall clock: the detector works in
 * event time, which during a replay of history lies years back and may lie up to
 * {@code validation.max-future-skew} ahead; an {@code endsAt} in the future would keep a resolved alert active
 * in Alertmanager until then. Every alert carries the {@link Settings#labels() static labels} (e.g. {@code env})
 * and a {@code generatorURL} to the monitor's page for its subject and window ({@link PageLink}).
 *
 * <p><b>Why a firing alert has an {@code endsAt}.</b> Without one Alertmanager applies its own
 * {@code resolve_timeout}, which the operator of a shared Alertmanager may have set to anything; with one, an
 * open alert that stops being re-sent (the monitor died) resolves a known time later, the way Prometheus does
 * it (it sends {@code endsAt} = 4 evaluation intervals ahead). Three re-send intervals tolerate two lost posts.
 *
 * <p><b>Why open alerts are re-sent.</b> Alertmanager resolves an alert by itself at its {@code endsAt} when
 * nobody re-posts it (this is how Prometheus works: it re-sends every firing alert on every evaluation). Our
 * incidents last days
 * and are published once on the alerts topic, so the forwarder keeps the open (FIRING, not yet RESOLVED)
 * alerts in a map and re-posts them every {@link Settings#resendInterval()} (1 min). Two good side
 * effects: a RESOLVED post that is lost is healed by the last {@code endsAt}, because the alert is no
 * longer re-sent; and when release-watch itself is down, its alerts expire a few minutes later
 * while the Prometheus rule {@code ReleaseWatchDown} says why. After a restart the alert reader replays
 * the alerts topic from the beginning, which rebuilds the open map before the first re-send.
 *
 * <p><b>Severity changes.</b> An incident is FIRING again when its severity changes. Severity is a label,
 * so for Alertmanager that is a new alert; the old label set is resolved at once instead of lingering
 * until {@code resolve_timeout}. The incident keeps its first {@code startsAt}.
 *
 * <p><b>Threads.</b> {@link #onAlert} only updates two maps and returns: it never blocks on the network
 * and never throws into the alert reader's thread. One daemon thread ({@code alertmanager-sender}) posts
 * pending alerts in batches (one JSON array per request) and does the periodic re-send. The pending
 * queue is keyed by label set and bounded ({@link Settings#queueCapacity()}): a newer state of the same
 * alert replaces the queued one (Alertmanager only needs the latest), so a replay of thousands of
 * historical alerts collapses to one post per incident; a new alert arriving at a full queue is dropped
 * and counted. A failed request is retried with exponential backoff ({@link Settings#initialBackoff()}
 * doubling to {@link Settings#maxBackoff()}) for as long as the monitor runs, unless Alertmanager rejects
 * the request (HTTP 4xx: retrying the same payload cannot help).
 *
 * <p><b>Metrics</b> (when a registry is given): {@code releasewatch_alertmanager_posts_total{outcome}}
 * counts alerts (not HTTP requests): {@code sent} (accepted by Alertmanager), {@code failed} (a request
 * failed; the alert is retried), {@code rejected} (HTTP 4xx; given up), {@code dropped} (queue full);
 * {@code releasewatch_alertmanager_open_alerts} is the size of the open map.
 */
public final class AlertmanagerForwarder implements AlertListener, AutoCloseable {

    /** Counter of alert posts by outcome (Prometheus: {@code releasewatch_alertmanager_posts_total}). */
    public static final String POSTS = "releasewatch_alertmanager_posts";
    /** Gauge of alerts currently open (FIRING and not yet RESOLVED). */
    public static final String OPEN = "releasewatch_alertmanager_open_alerts";
    /** An open alert's {@code endsAt} lies this many re-send intervals after the post that carries it. */
    public static final int OPEN_FOR_RESENDS = 3;
    /** Path of Alertmanager's alert endpoint, appended to the configured URL. */
    public static final String API_PATH = "/api/v2/alerts";

    private static final Logger LOGGER = LoggerFactory.getLogger(AlertmanagerForwarder.class);
    /** Alerts per request: keeps one request small even when a replay queued thousands. */
    private static final int MAX_BATCH = 200;

    /**
     * Tuning of the forwarder; {@link #defaults(String)} is what the monitor uses.
     *
     * @param url            Alertmanager's base URL, e.g. {@code http://alertmanager:9093} (with any
     *                       {@code --web.route-prefix}); {@link #API_PATH} is appended
     * @param resendInterval how often open alerts are re-posted; must stay well below Alertmanager's
     *                       {@code resolve_timeout}
     * @param queueCapacity  most distinct alerts waiting to be posted
     * @param initialBackoff wait after the first failed request
     * @param maxBackoff     longest wait between retries
     * @param requestTimeout timeout of one HTTP request (and of connecting)
     * @param closeTimeout   how long {@link #close()} keeps trying to deliver what is still queued
     * @param labels         static labels added to every alert (e.g. {@code env}, {@code team})
     * @param publicUrl      the monitor page's base URL for {@code generatorURL}, or null for none
     */
    public record Settings(
            URI url,
            Duration resendInterval,
            int queueCapacity,
            Duration initialBackoff,
            Duration maxBackoff,
            Duration requestTimeout,
            Duration closeTimeout,
            Map<String, String> labels,
            URI publicUrl) {

        /** Validates the values. */
        public Settings {
            labels = Map.copyOf(labels);
            String scheme = url.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme) || url.getHost() == null) {
                throw new IllegalArgumentException(
                        "alertmanager.url must be an http(s) URL, e.g. http://alertmanager:9093; got " + url);
            }
            if (resendInterval.isNegative() || resendInterval.isZero() || queueCapacity < 1) {
                throw new IllegalArgumentException("resendInterval and queueCapacity must be positive");
            }
        }

        /**
         * Re-send every minute, 5000 queued alerts, backoff 1 s to 30 s, 10 s requests, 5 s to flush on close.
         * The queue is sized for a restart, when the reader replays the whole alerts topic (one entry per
         * incident after coalescing, under 1 KB each).
         */
        public static Settings defaults(String url) {
            return new Settings(
                    URI.create(url.strip()),
                    Duration.ofMinutes(1),
                    5000,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(5),
                    Map.of(),
                    null);
        }

        /** The same settings with another re-send interval. */
        public Settings withResendInterval(Duration interval) {
            return new Settings(
                    url,
                    interval,
                    queueCapacity,
                    initialBackoff,
                    maxBackoff,
                    requestTimeout,
                    closeTimeout,
                    labels,
                    publicUrl);
        }

        /** The same settings with other retry waits. */
        public Settings withBackoff(Duration initial, Duration max) {
            return new Settings(
                    url, resendInterval, queueCapacity, initial, max, requestTimeout, closeTimeout, labels, publicUrl);
        }

        /** The same settings with another queue capacity. */
        public Settings withQueueCapacity(int capacity) {
            return new Settings(
                    url,
                    resendInterval,
                    capacity,
                    initialBackoff,
                    maxBackoff,
                    requestTimeout,
                    closeTimeout,
                    labels,
                    publicUrl);
        }

        /** The same settings with another flush time on close. */
        public Settings withCloseTimeout(Duration timeout) {
            return new Settings(
                    url,
                    resendInterval,
                    queueCapacity,
                    initialBackoff,
                    maxBackoff,
                    requestTimeout,
                    timeout,
                    labels,
                    publicUrl);
        }

        /** The same settings with static labels and the page's base URL. */
        public Settings withLabelsAndPage(Map<String, String> staticLabels, URI page) {
            return new Settings(
                    url,
                    resendInterval,
                    queueCapacity,
                    initialBackoff,
                    maxBackoff,
                    requestTimeout,
                    closeTimeout,
                    staticLabels,
                    page);
        }

        URI endpoint() {
            String base = url.toString();
            while (base.endsWith("/")) {
                base = base.substring(0, base.length() - 1);
            }
            return URI.create(base + API_PATH);
        }
    }

    private final Settings settings;
    private final URI endpoint;
    private final Clock clock;
    private final HttpClient http;
    private final Counter sent;
    private final Counter failed;
    private final Counter rejected;
    private final Counter dropped;

    private final Object lock = new Object();
    /** Alerts waiting to be posted, keyed by label set, oldest first. Guarded by {@link #lock}. */
    private final LinkedHashMap<SortedMap<String, String>, AlertmanagerPayload> pending = new LinkedHashMap<>();
    /** Open incidents by alertId: their last FIRING payload. Guarded by {@link #lock}. */
    private final Map<String, AlertmanagerPayload> open = new HashMap<>();

    private volatile int openCount;
    private boolean closing;
    /** Drop logging state, guarded by {@link #lock}. */
    private long lastDropLog;

    private long droppedSinceLog;
    /** Consecutive failed requests; only the sender thread touches it. */
    private int failures;

    private final Thread sender;

    /**
     * Starts the sender thread.
     *
     * @param registry where the metrics go, or null for none
     */
    public AlertmanagerForwarder(Settings settings, MeterRegistry registry) {
        this(settings, registry, Clock.systemUTC());
    }

    /** As {@link #AlertmanagerForwarder(Settings, MeterRegistry)}, with the wall clock used for clamping. */
    AlertmanagerForwarder(Settings settings, MeterRegistry registry, Clock clock) {
        this.settings = settings;
        this.endpoint = settings.endpoint();
        this.clock = clock;
        // HTTP/1.1: Alertmanager does not speak h2c, and the JDK's default HTTP/2 upgrade attempt is wasted.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.requestTimeout())
                .build();
        this.sent = counter(registry, "sent");
        this.failed = counter(registry, "failed");
        this.rejected = counter(registry, "rejected");
        this.dropped = counter(registry, "dropped");
        // one gauge for all members of an HA pair: they hold the same open alerts
        if (registry != null && registry.find(OPEN).gauge() == null) {
            Gauge.builder(OPEN, this, f -> f.openCount)
                    .description("Alerts open in Alertmanager (FIRING, not yet RESOLVED)")
                    .register(registry);
        }
        this.sender = new Thread(this::run, "alertmanager-sender");
        this.sender.setDaemon(true);
        this.sender.start();
        LOGGER.info("Forwarding alerts to Alertmanager at {}", endpoint);
    }

    /**
     * Starts a forwarder with {@link Settings#defaults(String)} when {@code url} is set.
     *
     * @param url      the {@code alertmanager.url} setting; null or blank = forwarding off
     * @param registry where the metrics go, or null
     * @return the forwarder, or null when forwarding is off
     */
    public static AlertmanagerForwarder startIfConfigured(String url, MeterRegistry registry) {
        return url == null || url.isBlank() ? null : new AlertmanagerForwarder(Settings.defaults(url), registry);
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        Counter.Builder b =
                Counter.builder(POSTS).tag("outcome", outcome).description("Alerts posted to Alertmanager, by outcome");
        return registry == null ? b.register(new SimpleMeterRegistry()) : b.register(registry);
    }

    /** Queues the alert for posting and returns at once; never throws. */
    @Override
    public void onAlert(Alert alert) {
        try {
            Instant now = clock.instant();
            Instant detected = min(alert.getDetectedAt(), now);
            synchronized (lock) {
                if (alert.getState() == AlertState.FIRING) {
                    AlertmanagerPayload previous = open.get(alert.getAlertId());
                    Instant startsAt = previous != null ? previous.startsAt() : detected;
                    AlertmanagerPayload firing = new AlertmanagerPayload(
                            labelsOf(alert), AlertmanagerPayload.annotationsOf(alert), startsAt, null, link(alert));
                    if (previous != null && !previous.labels().equals(firing.labels())) {
                        enqueue(previous.resolvedAt(now));
                    }
                    open.put(alert.getAlertId(), firing);
                    enqueue(firing);
                } else {
                    AlertmanagerPayload previous = open.remove(alert.getAlertId());
                    SortedMap<String, String> labels = previous != null ? previous.labels() : labelsOf(alert);
                    Instant startsAt = previous != null ? previous.startsAt() : null;
                    enqueue(new AlertmanagerPayload(
                                    labels, AlertmanagerPayload.annotationsOf(alert), startsAt, null, link(alert))
                            .resolvedAt(detected));
                }
                openCount = open.size();
                lock.notifyAll();
            }
        } catch (RuntimeException e) {
            LOGGER.warn("Cannot forward alert {} to Alertmanager: {}", alert.getAlertId(), e.toString());
        }
    }

    private SortedMap<String, String> labelsOf(Alert alert) {
        SortedMap<String, String> labels = new TreeMap<>(settings.labels());
        labels.putAll(AlertmanagerPayload.labelsOf(alert));
        return labels;
    }

    private String link(Alert alert) {
        return settings.publicUrl() == null ? null : PageLink.of(settings.publicUrl(), alert);
    }

    /** Number of open incidents (FIRING, not yet RESOLVED). */
    public int openAlerts() {
        return openCount;
    }

    /** Number of alerts waiting to be posted. */
    public int pendingAlerts() {
        synchronized (lock) {
            return pending.size();
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isAfter(b) ? b : a;
    }

    /** Caller holds {@link #lock}. A newer state of the same label set replaces the queued one. */
    private void enqueue(AlertmanagerPayload p) {
        if (pending.containsKey(p.labels())) {
            pending.put(p.labels(), p);
        } else if (pending.size() >= settings.queueCapacity()) {
            dropped.increment();
            droppedSinceLog++;
            long now = System.nanoTime();
            // one line per minute at most: a replay into a full queue must not flood the log
            if (lastDropLog == 0 || now - lastDropLog > Duration.ofMinutes(1).toNanos()) {
                LOGGER.warn(
                        "Alertmanager queue full ({} alerts): dropped {} alert(s), latest {}; open alerts are re-sent"
                                + " every {}",
                        pending.size(),
                        droppedSinceLog,
                        p.alertId(),
                        settings.resendInterval());
                lastDropLog = now;
                droppedSinceLog = 0;
            }
        } else {
            pending.put(p.labels(), p);
        }
    }

    private void run() {
        long nextResend = System.nanoTime() + settings.resendInterval().toNanos();
        while (true) {
            List<AlertmanagerPayload> batch = new ArrayList<>();
            synchronized (lock) {
                try {
                    while (true) {
                        long now = System.nanoTime();
                        if (!closing && now - nextResend >= 0) {
                            open.values().forEach(p -> {
                                if (!pending.containsKey(p.labels())) {
                                    enqueue(p);
                                }
                            });
                            nextResend = now + settings.resendInterval().toNanos();
                        }
                        if (!pending.isEmpty() || closing) {
                            break;
                        }
                        lock.wait(Math.max(1, (nextResend - now) / 1_000_000));
                    }
                } catch (InterruptedException e) {
                    return;
                }
                if (pending.isEmpty()) {
                    return; // closing and everything delivered
                }
                Iterator<AlertmanagerPayload> it = pending.values().iterator();
                while (it.hasNext() && batch.size() < MAX_BATCH) {
                    batch.add(it.next());
                    it.remove();
                }
            }
            Outcome outcome = post(batch);
            if (outcome == Outcome.RETRY) {
                failures++;
                synchronized (lock) {
                    // back in the queue unless a newer state of the same alert arrived meanwhile
                    batch.forEach(p -> {
                        if (!pending.containsKey(p.labels())) {
                            enqueue(p);
                        }
                    });
                }
                if (!sleep(backoff(failures))) {
                    return;
                }
            } else {
                if (failures > 0) {
                    LOGGER.info("Alertmanager reachable again after {} failed request(s)", failures);
                }
                failures = 0;
            }
        }
    }

    private enum Outcome {
        DONE,
        RETRY
    }

    private Outcome post(List<AlertmanagerPayload> batch) {
        ArrayNode body = JsonNodeFactory.instance.arrayNode();
        Instant openUntil = clock.instant().plus(settings.resendInterval().multipliedBy(OPEN_FOR_RESENDS));
        batch.forEach(p -> body.add(p.toJson(openUntil)));
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status / 100 == 2) {
                sent.increment(batch.size());
                return Outcome.DONE;
            }
            if (status / 100 == 4 && status != 408 && status != 429) {
                rejected.increment(batch.size());
                LOGGER.warn(
                        "Alertmanager rejected {} alerts (HTTP {}): {}",
                        batch.size(),
                        status,
                        abbreviate(response.body()));
                return Outcome.DONE;
            }
            failed.increment(batch.size());
            logFailure("Alertmanager answered HTTP " + status + " to " + batch.size()
                    + " alerts; retrying with backoff: " + abbreviate(response.body()));
        } catch (IOException e) {
            failed.increment(batch.size());
            logFailure("Cannot reach Alertmanager at " + endpoint + " (" + batch.size()
                    + " alerts); retrying with backoff: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed.increment(batch.size());
        } catch (RuntimeException e) {
            // never let the sender thread die: count, log, and treat as a rejected payload
            rejected.increment(batch.size());
            LOGGER.warn("Posting {} alerts to Alertmanager failed: {}", batch.size(), e.toString(), e);
            return Outcome.DONE;
        }
        return Outcome.RETRY;
    }

    /** WARN for the first failure of a streak, DEBUG for the retries that follow (an outage must not flood the log). */
    private void logFailure(String message) {
        if (failures == 0) {
            LOGGER.warn(message);
        } else {
            LOGGER.debug(message);
        }
    }

    private Duration backoff(int n) {
        long millis = settings.initialBackoff().toMillis() << Math.min(n - 1, 20);
        return Duration.ofMillis(Math.min(millis, settings.maxBackoff().toMillis()));
    }

    /**
     * Waits between retries; false when the thread should stop. Not shortened by {@link #close()}, so a
     * closing monitor does not hammer an unreachable Alertmanager; close interrupts it after its timeout.
     */
    private boolean sleep(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        synchronized (lock) {
            try {
                while (System.nanoTime() - deadline < 0) {
                    lock.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                }
            } catch (InterruptedException e) {
                return false;
            }
        }
        return !Thread.currentThread().isInterrupted();
    }

    /**
     * Stops the re-sends, tries for {@link Settings#closeTimeout()} to deliver what is queued, then stops
     * the sender. Open alerts are not resolved: the monitor stopping does not end an incident; Alertmanager
     * expires them after {@code resolve_timeout} unless a restarted monitor re-posts them first.
     */
    @Override
    public void close() {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        try {
            sender.join(settings.closeTimeout().toMillis());
            if (sender.isAlive()) {
                sender.interrupt();
                sender.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = pendingAlerts();
        if (left > 0) {
            LOGGER.warn("Stopped with {} alerts not delivered to Alertmanager", left);
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s.strip();
    }
}
