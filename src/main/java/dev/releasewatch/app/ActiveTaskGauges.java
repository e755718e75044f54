package dev.releasewatch.app;

import java.util.Set;
import java.util.function.Predicate;

import dev.releasewatch.topology.ReleaseWatchTopology;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * {@value #NAME}{@code {role="count"|"detect"}}: how many counting tasks (one per input partition) and detecting
 * tasks (one per detect partition in the application) run on this instance right now. The dashboard's history
 * tasks are neither.
 *
 * <p>Why: the monitor-health rules judge one instance by what it counts and by its final watermark. After a
 * rebalance moves the tasks away, an instance counts nothing and its watermark gauge stops where it was, which is
 * not a fault; the rules in {@code docker/prometheus/rules.yml} join on this gauge so they only judge the instances
 * that own the work.
 */
public final class ActiveTaskGauges {

    /** Metric name (public contract: the alert rules use it). */
    public static final String NAME = "releasewatch_active_tasks";

    private ActiveTaskGauges() {}

    /** Registers both gauges; {@code inputTopic} tells counting tasks (they read it) from the detecting task. */
    static void bind(MeterRegistry registry, KafkaStreams streams, String inputTopic) {
        Gauge.builder(NAME, () -> count(streams, t -> reads(t, inputTopic)))
                .tag("role", "count")
                .description("Counting tasks (input partitions) active on this instance")
                .register(registry);
        Gauge.builder(NAME, () -> count(streams, ActiveTaskGauges::detects))
                .tag("role", "detect")
                .description("Detecting tasks (detect partitions) active on this instance")
                .register(registry);
    }

    private static boolean detects(TaskMetadata task) {
        String suffix = "-" + ReleaseWatchTopology.WINDOW_BATCHES + "-repartition";
        return task.topicPartitions().stream().anyMatch(p -> p.topic().endsWith(suffix));
    }

    private static boolean reads(TaskMetadata task, String topic) {
        return task.topicPartitions().stream().anyMatch(p -> p.topic().equals(topic));
    }

    private static int count(KafkaStreams streams, Predicate<TaskMetadata> kind) {
        Set<ThreadMetadata> threads;
        try {
            threads = streams.metadataForLocalThreads();
        } catch (IllegalStateException e) {
            // not running (yet, or any more): no task is active
            return 0;
        }
        return (int) threads.stream()
                .flatMap(t -> t.activeTasks().stream())
                .filter(kind)
                .count();
    }
}
