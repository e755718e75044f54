package dev.releasewatch.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.WindowCount;
import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.kafka.ConsumedToEnd;
import dev.releasewatch.topology.ReleaseWatchTopology;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What the monitors published, read back from the counts and alerts topics with {@code isolation.level=read_committed}
 * (the {@link ClientProperties#consumer} default): the evidence of the fault tests, never the monitors' metrics.
 * Every record is kept, so a window published twice or an alert announced twice is visible.
 */
final class CommittedOutput implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> counts;
    private final KafkaConsumer<String, byte[]> alerts;
    private final AvroSerde<WindowCount> countSerde = AvroSerde.of(WindowCount.class);
    private final AvroSerde<Alert> alertSerde = AvroSerde.of(Alert.class);
    final List<WindowCount> windows = new ArrayList<>();
    final List<Alert> alertLog = new ArrayList<>();

    private final Runnable check;
    private final ClientProperties clients;
    private final String applicationId;

    /**
     * @param applicationId the monitors' application id, whose committed offsets say every detecting task is done
     * @param check         run at every poll while waiting; throws to stop the wait (e.g. a monitor process died)
     */
    CommittedOutput(
            ClientProperties clients, String applicationId, String countsTopic, String alertsTopic, Runnable check) {
        this.check = check;
        this.clients = clients;
        this.applicationId = applicationId;
        this.counts = open(clients, countsTopic, "faults-counts-reader");
        this.alerts = open(clients, alertsTopic, "faults-alerts-reader");
    }

    /**
     * Reads until the feed-wide DAY window ending at or after {@code dayEnd} is published, then, once the monitors have
     * committed the end of the window batches (the detecting tasks of the other detect partitions, which own groups,
     * may finish the same day later), to the end of both topics.
     */
    void awaitDaysThrough(Instant dayEnd, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lastDayEnd() < dayEnd.toEpochMilli()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no DAY window through " + dayEnd + " within " + timeout + "; last "
                        + Instant.ofEpochMilli(lastDayEnd()));
            }
            poll();
        }
        String batches = applicationId + "-" + ReleaseWatchTopology.WINDOW_BATCHES + "-repartition";
        try {
            if (!ConsumedToEnd.await(
                    clients, applicationId, batches, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                throw new AssertionError("the detecting tasks did not consume " + batches + " within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        drain();
    }

    /** Reads until an alert matching {@code wanted} is seen, then returns it. */
    Alert awaitAlert(Predicate<Alert> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Alert a : alertLog) {
                if (wanted.test(a)) {
                    return a;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected alert not published within " + timeout + "; seen " + alertLog);
            }
            poll();
        }
    }

    /**
     * End (exclusive) of the latest feed-wide DAY window published, or Long.MIN_VALUE: the feed-wide count marks the
     * day final (a group's count, from another detect partition, may be ahead or behind it).
     */
    long lastDayEnd() {
        return windows.stream()
                .filter(c -> c.getGranularity() == Granularity.DAY && c.getScope() == Scope.TOTAL)
                .mapToLong(c -> c.getWindowEnd().toEpochMilli())
                .max()
                .orElse(Long.MIN_VALUE);
    }

    /** Daily counts by {@code SCOPE/subject@date}, non-zero only (zero windows of known subjects are left out). */
    Map<String, Long> dailyCounts() {
        Map<String, Long> out = new TreeMap<>();
        for (WindowCount c : windows) {
            if (c.getGranularity() == Granularity.DAY && c.getCount() > 0) {
                out.put(key(c), c.getCount());
            }
        }
        return out;
    }

    /** How many times each DAY window was published (must be 1 for every key). */
    Map<String, Integer> dailyEmissions() {
        Map<String, Integer> out = new HashMap<>();
        for (WindowCount c : windows) {
            if (c.getGranularity() == Granularity.DAY) {
                out.merge(key(c), 1, Integer::sum);
            }
        }
        return out;
    }

    private static String key(WindowCount c) {
        return c.getScope() + "/" + c.getSubject() + "@"
                + c.getWindowStart().atZone(ZoneOffset.UTC).toLocalDate();
    }

    private void poll() {
        check.run();
        for (ConsumerRecord<String, byte[]> r : counts.poll(Duration.ofMillis(100))) {
            windows.add(decode(countSerde, r.value()));
        }
        for (ConsumerRecord<String, byte[]> r : alerts.poll(Duration.ofMillis(100))) {
            alertLog.add(decode(alertSerde, r.value()));
        }
    }

    private void drain() {
        while (behind(counts) || behind(alerts)) {
            poll();
        }
    }

    private static boolean behind(KafkaConsumer<String, byte[]> consumer) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        return ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue());
    }

    private static <T extends SpecificRecord> T decode(AvroSerde<T> serde, byte[] bytes) {
        try {
            return serde.decode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KafkaConsumer<String, byte[]> open(ClientProperties clients, String topic, String clientId) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(clients.consumer(clientId));
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    @Override
    public void close() {
        counts.close();
        alerts.close();
    }
}
