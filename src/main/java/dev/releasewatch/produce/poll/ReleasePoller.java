package dev.releasewatch.produce.poll;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
     * Polls every interval until {@link #stop()}. A failed poll is logged and retried at the next tick; being
     * fenced by a newer instance with the same id ends the loop with an exception.
     *
     * @throws ProducerFencedException when another instance with the same poller id took over
     */
    public void run() throws InterruptedException {
        long intervalNanos = settings.interval().toNanos();
        long next = System.nanoTime();
        while (stopped.getCount() > 0) {
            try {
                pollOnce();
            } catch (PollFailedException e) {
                metrics.poll("failed");
                LOGGER.warn(
                        "Poll of {} failed, retrying in {}: {}", settings.url(), settings.interval(), e.getMessage());
            }
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait < 0) {
                // a poll longer than the interval: start the next one now, but do not try to catch up missed ticks
                next = System.nanoTime();
                wait = 0;
            }
            if (stopped.await(wait, TimeUnit.NANOSECONDS)) {
                return;
            }
        }
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
        Instant wallClock = clock.instant();
        FieldMapping.Page page;
        try {
            page = settings.mapping().extract(fetch(), settings.source(), parser);
        } catch (IllegalArgumentException e) {
            throw new PollFailedException(e.getMessage(), e);
        }
        List<ReleaseAnnouncement> fresh = cursor.unseen(page.records());
        PollCursor next = cursor.after(fresh);
        boolean gap = cursor.time() != null
                && !page.records().isEmpty()
                && fresh.size() == page.records().size();
        Instant heartbeat = settings.heartbeatClock().heartbeat(wallClock, next.time(), settings.liveLag());
        commit(fresh, heartbeat, next);
        long seen = page.records().size() - fresh.size();
        cursor = next;
        metrics.records("published", fresh.size());
        metrics.records("seen", seen);
        metrics.records("rejected", page.rejected());
        metrics.poll(gap ? "gap" : "ok");
        if (gap) {
            LOGGER.warn(
                    "Every one of the {} items returned by {} was new: releases between the previous poll and the oldest item "
                            + "may have been missed; shorten --interval",
                    page.records().size(),
                    settings.url());
        }
        if (page.rejected() > 0) {
            LOGGER.warn(
                    "Poll of {}: {} items rejected (first: {})",
                    settings.url(),
                    page.rejected(),
                    page.firstRejection());
        }
        LOGGER.info(
                "Polled {}: {} new, {} already published, {} rejected; cursor {}; heartbeat {}",
                settings.url(),
                fresh.size(),
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

    private JsonNode fetch() throws PollFailedException {
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
