package dev.releasewatch.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.feed.Categories;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Runs {@link BaselineTopology} on the bench's input topic, in the bench's JVM and against its broker, with the
 * monitor's own Streams settings (exactly-once, commit interval, compression) under another application id, and
 * times it from {@code KafkaStreams.start()} until its committed output holds exactly the expected counts: the
 * moment a reader could trust them, as the monitor's "every day window final" is.
 */
public final class BaselineRun {

    private final ClientProperties clients;
    private final String input;
    private final String applicationId;
    private double cpuSeconds = Double.NaN;
    private String cpuByThread = "";

    /** A run reading {@code input}, with {@code applicationId} and its own output topic derived from it. */
    public BaselineRun(ClientProperties clients, String input, String applicationId) {
        this.clients = clients;
        this.input = input;
        this.applicationId = applicationId;
    }

    /** CPU seconds the whole process used until the counts were final (NaN before, or when not reported). */
    public double cpuSeconds() {
        return cpuSeconds;
    }

    /** The process CPU by kind of thread until the counts were final ({@link CpuBreakdown#describe()}). */
    public String cpuByThread() {
        return cpuByThread;
    }

    /** The topic the baseline's counts go to. */
    public String outputTopic() {
        return applicationId + "-counts";
    }

    /**
     * Runs until the output holds {@code expected} ({@code "CATEGORY@yyyy-mm-dd" → count}) or {@code timeout} passes.
     *
     * @param grace the windows' grace: at least the span of the data
     * @return the seconds taken, or a negative number when the counts did not match within {@code timeout}
     */
    public double run(Map<String, Long> expected, Duration grace, Duration timeout)
            throws InterruptedException, ExecutionException {
        // the output topic exists before the clock starts: brokers here do not create topics on first use
        try (Admin admin = Admin.create(clients.admin())) {
            admin.createTopics(List.of(new NewTopic(outputTopic(), Optional.empty(), Optional.empty())))
                    .all()
                    .get();
        }
        Properties props = clients.streams();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, props.getProperty(StreamsConfig.STATE_DIR_CONFIG) + "-baseline");
        // The monitor's internal topics use LogAppendTime (it carries event time inside its values); the textbook
        // repartition topic must keep the records' event-time timestamps, or the windowed count downstream of it
        // would count every release on the day of the run.
        props.remove(StreamsConfig.topicPrefix("message.timestamp.type"));
        Properties cp = clients.consumer(applicationId + "-reader");
        cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, LongDeserializer.class.getName());
        cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        Map<String, Long> counted = new HashMap<>();
        long t0 = System.nanoTime();
        CpuClock cpu = CpuClock.startIfSupported();
        CpuBreakdown threads = CpuBreakdown.start(applicationId);
        try (KafkaStreams streams = new KafkaStreams(
                        BaselineTopology.build(input, outputTopic(), grace, Categories.defaults()), props);
                KafkaConsumer<String, Long> reader = new KafkaConsumer<>(cp)) {
            streams.start();
            long deadline = t0 + timeout.toNanos();
            boolean assigned = false;
            while (System.nanoTime() < deadline) {
                if (!assigned) {
                    List<TopicPartition> parts = reader.partitionsFor(outputTopic(), Duration.ofSeconds(1)).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
                    if (parts.isEmpty()) {
                        Thread.sleep(200);
                        continue;
                    }
                    reader.assign(parts);
                    reader.seekToBeginning(parts);
                    assigned = true;
                }
                for (ConsumerRecord<String, Long> r : reader.poll(Duration.ofMillis(200))) {
                    counted.put(r.key(), r.value());
                }
                if (counted.equals(expected)) {
                    cpuSeconds = cpu == null ? Double.NaN : cpu.seconds();
                    cpuByThread = threads.describe();
                    return (System.nanoTime() - t0) / 1e9;
                }
                if (streams.state() == KafkaStreams.State.ERROR) {
                    return -1;
                }
            }
            expected.entrySet().stream()
                    .filter(e -> !e.getValue().equals(counted.get(e.getKey())))
                    .limit(5)
                    .forEach(e -> System.out.printf(
                            "  baseline %s: expected %d, counted %s%n",
                            e.getKey(), e.getValue(), counted.get(e.getKey())));
            counted.keySet().stream()
                    .filter(k -> !expected.containsKey(k))
                    .limit(5)
                    .forEach(k -> System.out.printf("  baseline %s: not expected, counted %d%n", k, counted.get(k)));
            return -1;
        }
    }
}
