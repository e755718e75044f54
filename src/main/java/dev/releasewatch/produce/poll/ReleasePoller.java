package dev.releasewatch.produce.poll;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.feed.JsonLineParser;
import dev.releasewatch.produce.FeedPublisher;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a predb-style JSON API and publishes the releases it has not published before.
 *
 * <p>Each successful poll is one Kafka transaction holding the new releases (in time order), a heartbeat to every
 * input partition, and the new cursor. Either all of it becomes visible to {@code read_committed} readers (the
 * topology under exactly-once, and {@link CursorStore}) or none of it: a crash between publishing and saving the
 * cursor cannot happen, so a restart neither repeats nor loses releases. The transactional id is derived from the
 * poller id, so starting a new instance fences an old one and aborts its unfinished transaction.
 *
 * <p>Not thread-safe: {@link #run()} (or {@link #pollOnce()}) on one thread, {@link #stop()} from any.
 */
public final class ReleasePoller implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(ReleasePoller.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Longest wait between retries of a failing API (unless the interval is longer). */
    static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(5);
    /** Put in the queue of pushed rows to wake the loop up for a catch-up poll. */
    private static final JsonNode WAKE_UP = MissingNode.getInstance();

    private final PollerSettings settings;
    private final String inputTopic;
    private final Clock clock;
    private final PollMetrics metrics;
    private final KafkaProducer<String, byte[]> producer;
    private final HttpClient http;
    private final JsonLineParser parser = new JsonLineParser();
    private final AvroSerde<ReleaseAnnouncement> serde = AvroSerde.of(ReleaseAnnouncement.class);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private PollCursor cursor;
    /** System.nanoTime() of the last request to the API, 0 before the first; the poller thread's only. */
    private long lastRequest;

    private volatile int failures;
    private volatile Instant lastSuccess;

    /**
     * Starts a poller: creates the cursor topic if needed, fences any older instance with the same id, and reads
     * the cursor (in that order, so an aborted transaction of the old instance is never read as committed).
     *
     * @param settings   what to poll
     * @param clients    Kafka client properties
     * @param inputTopic the topic releases go to
     * @param replicationFactor replication factor for the cursor topic if it must be created (-1 = broker default)
     * @param metrics    where to count
     * @param clock      wall clock (heartbeat times)
     */
    public ReleasePoller(
            PollerSettings settings,
            ClientProperties clients,
            String inputTopic,
            short replicationFactor,
            PollMetrics metrics,
            Clock clock) {
        this.settings = settings;
        this.inputTopic = inputTopic;
        this.clock = clock;
        this.metrics = metrics;
        CursorStore.ensureTopic(clients, settings.cursorTopic(), replicationFactor);
        Properties p = clients.producer("release-watch-poller-" + settings.pollerId());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
        this.producer = new KafkaProducer<>(p);
        try {
            producer.initTransactions();
            this.cursor =
                    CursorStore.read(clients, settings.cursorTopic(), settings.pollerId(), Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        LOGGER.info(
                "Poller {} starts at cursor {} ({} names at that time)",
                settings.pollerId(),
                cursor.time(),
                cursor.names().size());
    }

    /** The cursor as of the last committed poll. */
    public PollCursor cursor() {
        return cursor;
    }

    /**
     * Polls every interval until {@link #stop()}. A failed poll (unreachable API, HTTP error, an error envelope, a
     * page of another shape, an aborted transaction) publishes nothing; it is logged and retried with exponential
     * backoff ({@link #retryDelay}). With a live feed, rows pushed by the socket are published as they come, and
     * every (re)connect triggers an immediate poll (the catch-up). Being fenced by a newer instance with the same id
     * ends the loop with an exception.
     *
     * @throws ProducerFencedException when another instance with the same poller id took over
     */
    public void run() throws InterruptedException {
        LinkedBlockingQueue<JsonNode> pushed = new LinkedBlockingQueue<>();
        AtomicBoolean catchUp = new AtomicBoolean();
        LiveFeed live = settings.liveUrl() == null
                ? null
                : new LiveFeed(
                        settings.liveUrl(),
                        http,
                        pushed::add,
                        () -> {
                            catchUp.set(true);
                            pushed.add(WAKE_UP);
                        },
                        metrics,
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(2));
        try {
            if (live != null) {
                live.start();
            }
            long next = System.nanoTime();
            while (stopped.getCount() > 0) {
                if (System.nanoTime() - next >= 0 || catchUp.getAndSet(false)) {
                    next = System.nanoTime() + pollAndPlanNext().toNanos();
                }
                long wait = Math.max(0, next - System.nanoTime());
                if (live == null) {
                    if (stopped.await(wait, TimeUnit.NANOSECONDS)) {
                        return;
                    }
                    continue;
                }
                JsonNode first = pushed.poll(Math.min(wait, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
                List<JsonNode> rows = new ArrayList<>();
                if (first != null) {
                    rows.add(first);
                    pushed.drainTo(rows);
                    rows.removeIf(r -> r == WAKE_UP);
                }
                if (!rows.isEmpty()) {
                    try {
                        publishRows(rows);
                    } catch (PollFailedException e) {
                        // the cursor did not move: the next poll picks the rows up from the polling endpoint
                        LOGGER.warn(
                                "Publishing {} live rows failed, catching up by polling: {}",
                                rows.size(),
                                e.getMessage());
                        catchUp.set(true);
                    }
                }
            }
        } finally {
            if (live != null) {
                live.close();
            }
        }
    }

    /** One poll; the time until the next one: the interval after a success, a growing backoff after failures. */
    private Duration pollAndPlanNext() {
        try {
            pollOnce();
            if (failures > 0) {
                LOGGER.info("Poll of {} works again after {} failed attempt(s)", settings.url(), failures);
            }
            failures = 0;
            return settings.interval();
        } catch (PollFailedException e) {
            failures++;
            metrics.poll("failed");
            Duration delay = retryDelay(failures, settings.interval());
            LOGGER.warn(
                    "Poll of {} failed ({} in a row), nothing published; retrying in {}: {}",
                    settings.url(),
                    failures,
                    delay,
                    e.getMessage());
            return delay;
        }
    }

    /**
     * The wait after {@code failures} failed polls in a row: the interval, then twice as long at each failure, at
     * most {@link #MAX_RETRY_DELAY} (or the interval, when that is longer), so an API that is down or rejecting us
     * is not hammered and is still tried again within minutes.
     */
    static Duration retryDelay(int failures, Duration interval) {
        Duration cap = interval.compareTo(MAX_RETRY_DELAY) > 0 ? interval : MAX_RETRY_DELAY;
        Duration d = interval.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 20));
        return d.compareTo(cap) > 0 ? cap : d;
    }

    /** Failed polls in a row (0 after a success); read by {@code /health}. */
    public int consecutiveFailures() {
        return failures;
    }

    /** When the last poll or live publish succeeded, or null before the first. */
    public Instant lastSuccess() {
        return lastSuccess;
    }

    /** Makes {@link #run()} return after the poll in progress. */
    public void stop() {
        stopped.countDown();
    }

    /**
     * One poll: fetch, pick the unseen releases, publish them with a heartbeat and the new cursor in one transaction.
     *
     * @return the releases published
     * @throws PollFailedException when the poll failed and nothing was published
     */
    public List<ReleaseAnnouncement> pollOnce() throws PollFailedException {
        JsonNode root = fetch();
        if (settings.dialect() == FeedDialect.PREDB_OVH) {
            PredbOvhRows.checkEnvelope(root);
        }
        FieldMapping.Page page;
        try {
            page = settings.mapping().extract(root, settings.source(), parser, settings.dialect());
        } catch (IllegalArgumentException e) {
            throw new PollFailedException(e.getMessage(), e);
        }
        return publish(page, true);
    }

    /**
     * Publishes rows pushed by the live feed, through the same cursor as the polls.
     *
     * @param rows rows in the API's item format
     * @return the releases published
     * @throws PollFailedException when nothing could be published
     */
    public List<ReleaseAnnouncement> publishRows(List<JsonNode> rows) throws PollFailedException {
        return publish(settings.mapping().rows(rows, settings.source(), parser, settings.dialect()), false);
    }

    private List<ReleaseAnnouncement> publish(FieldMapping.Page page, boolean polled) throws PollFailedException {
        Instant wallClock = clock.instant();
        List<ReleaseAnnouncement> fresh = cursor.unseen(page.records());
        List<ReleaseAnnouncement> nukes = cursor.unseenNukes(page.nukes());
        PollCursor next = cursor.after(fresh).afterNukes(nukes);
        boolean gap = polled
                && cursor.time() != null
                && !page.records().isEmpty()
                && fresh.size() == page.records().size();
        Instant heartbeat = settings.heartbeatClock().heartbeat(wallClock, next.time(), settings.liveLag());
        List<ReleaseAnnouncement> events = new ArrayList<>(fresh);
        events.addAll(nukes);
        commit(events, heartbeat, next);
        long seen = page.records().size() - fresh.size();
        cursor = next;
        lastSuccess = wallClock;
        metrics.records("published", fresh.size());
        metrics.records("nukes", nukes.size());
        metrics.records("seen", seen);
        metrics.records("rejected", page.rejected());
        if (polled) {
            metrics.poll(gap ? "gap" : "ok");
        }
        if (gap) {
            LOGGER.warn(
                    "Every one of the {} items returned by {} was new: releases between the previous poll and the oldest item "
                            + "may have been missed; shorten --interval",
                    page.records().size(),
                    settings.url());
        }
        if (page.rejected() > 0) {
            LOGGER.warn(
                    "{} of {}: {} items rejected (first: {})",
                    polled ? "Poll" : "Live rows",
                    settings.url(),
                    page.rejected(),
                    page.firstRejection());
        }
        LOGGER.info(
                "{} {}: {} new, {} nuke events, {} already published, {} rejected; cursor {}; heartbeat {}",
                polled ? "Polled" : "Live rows of",
                settings.url(),
                fresh.size(),
                nukes.size(),
                seen,
                page.rejected(),
                next.time(),
                heartbeat);
        return fresh;
    }

    private void commit(List<ReleaseAnnouncement> fresh, Instant heartbeat, PollCursor next)
            throws PollFailedException {
        if (fresh.isEmpty() && heartbeat == null) {
            return;
        }
        try {
            producer.beginTransaction();
            for (ReleaseAnnouncement r : fresh) {
                producer.send(new ProducerRecord<>(inputTopic, FeedPublisher.key(r), serde.encode(r)));
            }
            if (heartbeat != null) {
                byte[] hb = serde.encode(ReleaseAnnouncement.newBuilder()
                        .setKind(EventKind.HEARTBEAT)
                        .setName("")
                        .setTime(heartbeat)
                        .setSource(settings.source())
                        .build());
                for (PartitionInfo p : producer.partitionsFor(inputTopic)) {
                    producer.send(new ProducerRecord<>(inputTopic, p.partition(), null, hb));
                }
            }
            if (!next.equals(cursor)) {
                producer.send(new ProducerRecord<>(settings.cursorTopic(), settings.pollerId(), next.toJson()));
            }
            producer.commitTransaction();
        } catch (ProducerFencedException
                | InvalidProducerEpochException
                | OutOfOrderSequenceException
                | AuthorizationException e) {
            // fatal for this producer (the documented set): another instance owns the poller id, or we may not write
            throw e;
        } catch (KafkaException e) {
            try {
                producer.abortTransaction();
            } catch (KafkaException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw new PollFailedException("Kafka transaction aborted: " + e.getMessage(), e);
        }
    }

    /** Waits until the API's rate limit allows the next request; false when stopped meanwhile. */
    private void pace() throws PollFailedException {
        long spacing = settings.requestSpacing().toNanos();
        if (spacing > 0 && lastRequest != 0) {
            long wait = lastRequest + spacing - System.nanoTime();
            try {
                if (wait > 0 && stopped.await(wait, TimeUnit.NANOSECONDS)) {
                    throw new PollFailedException("stopped", null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PollFailedException("interrupted", e);
            }
        }
        lastRequest = System.nanoTime();
    }

    private JsonNode fetch() throws PollFailedException {
        pace();
        HttpRequest request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.requestTimeout())
                .header("Accept", "application/json")
                .header("User-Agent", "release-watch-poller")
                .GET()
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() / 100 != 2) {
                    throw new PollFailedException("HTTP " + response.statusCode() + " from " + settings.url(), null);
                }
                byte[] bytes = body.readNBytes(settings.maxResponseBytes());
                if (bytes.length == settings.maxResponseBytes() && body.read() != -1) {
                    throw new PollFailedException(
                            "response larger than " + settings.maxResponseBytes() + " bytes", null);
                }
                JsonNode root = MAPPER.readTree(bytes);
                if (root == null) {
                    throw new PollFailedException("empty response", null);
                }
                return root;
            }
        } catch (IOException e) {
            throw new PollFailedException("cannot read " + settings.url() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PollFailedException("interrupted", e);
        }
    }

    @Override
    public void close() {
        stop();
        producer.close(Duration.ofSeconds(30));
    }
}
