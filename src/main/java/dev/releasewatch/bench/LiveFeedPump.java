package dev.releasewatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Properties;

import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.contract.AvroSerde;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes a feed live against a {@link ScaledClock}: every beat, each announcement whose time the clock has reached,
 * then a heartbeat stamped with the clock's time on every input partition, as a live producer with heartbeats does.
 * The producer does not linger (the monitor's default producer waits 20 ms to batch, which a latency measurement would
 * count against the pipeline).
 */
public final class LiveFeedPump implements AutoCloseable {

    private final ClientProperties clients;
    private final String topic;
    private final int partitions;
    private final ScaledClock clock;
    private final Duration beat;
    private final Iterator<ReleaseAnnouncement> feed;
    private final AvroSerde<ReleaseAnnouncement> serde = AvroSerde.of(ReleaseAnnouncement.class);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;
    private long published;

    /**
     * @param feed announcements in time order; those before the clock's start are skipped
     */
    public LiveFeedPump(
            ClientProperties clients,
            String topic,
            int partitions,
            ScaledClock clock,
            Duration beat,
            Iterable<ReleaseAnnouncement> feed) {
        this.clients = clients;
        this.topic = topic;
        this.partitions = partitions;
        this.clock = clock;
        this.beat = beat;
        this.feed = feed.iterator();
        this.thread = new Thread(this::loop, "live-feed-pump");
        this.thread.setDaemon(true);
    }

    /** Starts publishing. */
    public LiveFeedPump start() {
        thread.start();
        return this;
    }

    /** Announcements published so far (heartbeats not included). */
    public synchronized long published() {
        return published;
    }

    private void loop() {
        Properties props = clients.producer("release-watch-bench-live");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            ReleaseAnnouncement next = nextInRange();
            while (running) {
                long now = clock.eventAt(System.currentTimeMillis());
                while (next != null && next.getTime().toEpochMilli() <= now) {
                    producer.send(
                            new ProducerRecord<>(topic, next.getName().toLowerCase(Locale.ROOT), serde.encode(next)));
                    synchronized (this) {
                        published++;
                    }
                    next = nextInRange();
                }
                byte[] heartbeat = serde.encode(ReleaseAnnouncement.newBuilder()
                        .setKind(EventKind.HEARTBEAT)
                        .setName("")
                        .setTime(Instant.ofEpochMilli(now))
                        .setSource("bench-live")
                        .build());
                for (int p = 0; p < partitions; p++) {
                    producer.send(new ProducerRecord<>(topic, p, null, heartbeat));
                }
                producer.flush();
                Thread.sleep(beat.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** The next announcement at or after the clock's start, or null at the end of the feed. */
    private ReleaseAnnouncement nextInRange() {
        while (feed.hasNext()) {
            ReleaseAnnouncement a = feed.next();
            if (a.getTime().toEpochMilli() >= clock.eventStart()) {
                return a;
            }
        }
        return null;
    }

    /**
     * Stops publishing.
     *
     * @throws IllegalStateException when publishing failed
     */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new IllegalStateException("live feed publishing failed: " + failure.getMessage(), failure);
        }
    }
}
