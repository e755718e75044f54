package dev.releasewatch.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.WindowCount;
import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.kafka.MalformedRecordException;
import dev.releasewatch.kafka.RegistryUnavailableException;
import dev.releasewatch.kafka.ValueDecoder;
import dev.releasewatch.kafka.ValueFormat;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the alerts and counts topics back (read_committed, from the beginning, no consumer group) on its
 * own thread: hands every alert to the listeners and tracks the final watermark, i.e. the latest end of a
 * whole-feed day window published on the counts topic, so a replay knows when every window is closed.
 */
public final class AlertTopicReader implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(AlertTopicReader.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String alertsTopic;
    private final String countsTopic;
    private final List<AlertListener> listeners;
    private final List<Consumer<WindowCount>> countListeners = new ArrayList<>();
    private final ValueDecoder<Alert> alertDecoder;
    private final ValueDecoder<WindowCount> countDecoder;
    private final AtomicLong finalDayEnd = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong alertsRead = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    /** Starts reading both topics, in the given format, from the beginning. */
    public AlertTopicReader(
            ClientProperties clients,
            ValueFormat format,
            String alertsTopic,
            String countsTopic,
            List<AlertListener> listeners) {
        this.alertDecoder = format.decoder(Alert.class);
        this.countDecoder = format.decoder(WindowCount.class);
        this.consumer = new KafkaConsumer<>(clients.consumer("release-watch-alert-reader"));
        this.alertsTopic = alertsTopic;
        this.countsTopic = countsTopic;
        this.listeners = List.copyOf(listeners);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(alertsTopic, countsTopic)) {
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::loop, "alert-reader");
        this.thread.setDaemon(true);
    }

    /** Also hands every window count to {@code listener} (call before {@link #start()}). */
    public AlertTopicReader onCount(Consumer<WindowCount> listener) {
        countListeners.add(listener);
        return this;
    }

    /** Starts the reading thread. */
    public AlertTopicReader start() {
        thread.start();
        return this;
    }

    /** End (epoch millis) of the latest whole-feed day window seen on the counts topic. */
    public long finalDayEnd() {
        return finalDayEnd.get();
    }

    /** Alerts read so far. */
    public long alertsRead() {
        return alertsRead.get();
    }

    /**
     * Waits until a whole-feed day window ending at or after {@code dayEnd} has been read, then until the
     * alerts topic has been read to its end, so every alert of those windows has been delivered.
     *
     * @return whether that happened before the timeout
     */
    public boolean awaitFinal(long dayEnd, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (finalDayEnd.get() < dayEnd) {
            if (System.nanoTime() > deadline || !thread.isAlive()) {
                return false;
            }
            Thread.sleep(50);
        }
        return awaitCaughtUp(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    /**
     * Waits until the alerts and counts topics have been read to the ends they have now.
     *
     * @return whether that happened before the timeout
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            caughtUpRequested = true;
            caughtUp = false;
        }
        while (true) {
            synchronized (this) {
                if (caughtUp) {
                    return true;
                }
            }
            if (System.nanoTime() > deadline || !thread.isAlive()) {
                return false;
            }
            Thread.sleep(20);
        }
    }

    private boolean caughtUpRequested;
    private boolean caughtUp;

    private void loop() {
        try {
            while (running) {
                boolean checkCaughtUp;
                synchronized (this) {
                    checkCaughtUp = caughtUpRequested;
                }
                Map<TopicPartition, Long> ends = checkCaughtUp ? consumer.endOffsets(consumer.assignment()) : Map.of();
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (!handle(r)) {
                        break;
                    }
                }
                if (checkCaughtUp
                        && ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    synchronized (this) {
                        caughtUp = true;
                        caughtUpRequested = false;
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOGGER.error("Alert reader stopped: {}", e.toString(), e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
        }
    }

    /**
     * Hands one record to the listeners; returns false, having moved back to the record, when the schema registry did
     * not answer for it, so it is read again after a pause instead of being skipped or stopping the reader.
     */
    private boolean handle(ConsumerRecord<String, byte[]> r) throws InterruptedException {
        try {
            if (r.topic().equals(alertsTopic)) {
                Alert alert = alertDecoder.decode(alertsTopic, r.value());
                alertsRead.incrementAndGet();
                listeners.forEach(l -> l.onAlert(alert));
            } else if (r.topic().equals(countsTopic)) {
                WindowCount c = countDecoder.decode(countsTopic, r.value());
                countListeners.forEach(l -> l.accept(c));
                if (c.getScope() == Scope.TOTAL && c.getGranularity() == Granularity.DAY) {
                    finalDayEnd.accumulateAndGet(c.getWindowEnd().toEpochMilli(), Math::max);
                }
            }
        } catch (MalformedRecordException e) {
            LOGGER.warn(
                    "Skipping undecodable record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
        } catch (RegistryUnavailableException e) {
            LOGGER.warn("Record {}-{}@{} read again in 1 s: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
            consumer.seek(new TopicPartition(r.topic(), r.partition()), r.offset());
            Thread.sleep(1000);
            return false;
        }
        return true;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
