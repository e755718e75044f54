package dev.releasewatch.produce;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.contract.AvroSerde;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;

/**
 * Publishes release announcements to the input topic with an idempotent producer (acks=all, lz4): key =
 * the lower-cased release name, so every announcement of one release (from any mirror) lands on the same
 * partition, where it is de-duplicated; value = Avro single-object encoding.
 *
 * <p>Delivery is asynchronous; failures are counted, not thrown, and {@link #close()} waits for every
 * send, so the caller can report exactly how many records were not delivered.
 */
public final class FeedPublisher implements AutoCloseable {

    private static final int RECENT = 101;

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final AvroSerde<ReleaseAnnouncement> serde = AvroSerde.of(ReleaseAnnouncement.class);
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstError = new AtomicReference<>();
    private long sent;
    private long maxEventTime = Long.MIN_VALUE;
    /** The last {@link #RECENT} event times sent, for {@link #lastEventTime()}. */
    private final long[] recent = new long[RECENT];

    /** A publisher to {@code topic}. */
    public FeedPublisher(ClientProperties clients, String topic, String clientId) {
        this.producer = new KafkaProducer<>(clients.producer(clientId));
        this.topic = topic;
    }

    /**
     * The record key of an announcement: its lower-cased name, the same key the topology de-duplicates by.
     * Public so that producers with their own Kafka producer (the transactional poller) key identically.
     */
    public static String key(ReleaseAnnouncement a) {
        return a.getName().toLowerCase(Locale.ROOT);
    }

    /**
     * Sends one announcement.
     *
     * @return completes when the broker acknowledged the record (or failed); callers that must know that this
     *         record is durable (the HTTP ingest endpoint answers only then) wait on it
     */
    public Future<RecordMetadata> send(ReleaseAnnouncement a) {
        Future<RecordMetadata> ack = producer.send(new ProducerRecord<>(topic, key(a), serde.encode(a)), (meta, e) -> {
            if (e != null) {
                failed.incrementAndGet();
                firstError.compareAndSet(null, e);
            }
        });
        sent++;
        maxEventTime = Math.max(maxEventTime, a.getTime().toEpochMilli());
        recent[(int) ((sent - 1) % RECENT)] = a.getTime().toEpochMilli();
        return ack;
    }

    /** Sends every announcement of {@code feed}, reporting progress through {@code progress} (may be null). */
    public void sendAll(Iterator<ReleaseAnnouncement> feed, ProgressReporter progress) {
        while (feed.hasNext()) {
            send(feed.next());
            if (progress != null && (sent & 0x3FF) == 0) {
                progress.update(sent);
            }
        }
        if (progress != null) {
            progress.update(sent);
        }
    }

    /**
     * Sends a heartbeat to every partition: the source has published everything up to {@code time}. Lets
     * every partition's watermark reach that time even if it got no release near the end.
     */
    public void heartbeat(Instant time, String source) {
        ReleaseAnnouncement hb = ReleaseAnnouncement.newBuilder()
                .setKind(EventKind.HEARTBEAT)
                .setName("")
                .setTime(time)
                .setSource(source)
                .build();
        byte[] bytes = serde.encode(hb);
        for (PartitionInfo p : producer.partitionsFor(topic)) {
            producer.send(new ProducerRecord<>(topic, p.partition(), null, bytes), (meta, e) -> {
                if (e != null) {
                    failed.incrementAndGet();
                    firstError.compareAndSet(null, e);
                }
            });
        }
    }

    /** Waits until every record sent so far is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    /** Records handed to the producer. */
    public long sent() {
        return sent;
    }

    /** Records the broker did not acknowledge (known after {@link #flush()}). */
    public long failed() {
        return failed.get();
    }

    /** The first delivery error, or null. */
    public Exception firstError() {
        return firstError.get();
    }

    /**
     * Where the feed ended in event time: the median of the last {@value #RECENT} event times sent (in sending
     * order, which is arrival order), or {@link Long#MIN_VALUE} when nothing was sent. Unlike {@link #maxEventTime()}
     * a few records stamped hours ahead (a mirror with a wrong clock) do not move it, so a heartbeat at the end of
     * a replay does not declare the hours after the feed silent.
     */
    public long lastEventTime() {
        if (sent == 0) {
            return Long.MIN_VALUE;
        }
        long[] copy = Arrays.copyOf(recent, (int) Math.min(sent, RECENT));
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }

    /** Largest event time sent, or {@link Long#MIN_VALUE} when nothing was sent. */
    public long maxEventTime() {
        return maxEventTime;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
