package dev.releasewatch.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.WindowCount;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.config.ConfigLoader;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.kafka.ConsumedToEnd;
import dev.releasewatch.kafka.TopicAdmin;
import dev.releasewatch.produce.FeedPublisher;
import dev.releasewatch.topology.ReleaseWatchTopology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once across a crash: the monitor runs as a separate process ({@code release-watch run}), is
 * killed with SIGKILL in the middle of a backfill, and restarted on the same state directory. Every
 * window must then be published exactly once (read_committed) with its exact count.
 */
@Timeout(600)
class CrashRestartIT extends RealBrokerTest {

    @Test
    void shouldPublishEveryWindowExactlyOnceWithExactCountsAfterAKillDashNine() throws Exception {
        CountedFeed feed = new CountedFeed(LocalDate.of(2020, 5, 1), 60, 4_000, 23);
        Path stateDir = Files.createTempDirectory("crash-state");
        Map<String, String> settings = new HashMap<>(Map.of(
                "bootstrap.servers",
                broker.bootstrapServers(),
                "application.id",
                "crash-restart",
                "topic.input",
                "crash-in",
                "topic.counts",
                "crash-counts",
                "topic.alerts",
                "crash-alerts",
                "topic.dead-letters",
                "crash-dead",
                "topic.decisions",
                "crash-decisions",
                "topic.partitions",
                "4",
                "state.dir",
                stateDir.toString(),
                "metrics.port",
                "-1"));
        // detection on several partitions: the kill lands while three detecting tasks have windows open
        settings.put("detect.partitions", "3");
        AppConfig config = new ConfigLoader().overrides(settings).load();
        ClientProperties clients = new ClientProperties(config);
        try (TopicAdmin admin = new TopicAdmin(clients, config.topics())) {
            admin.ensureTopics();
        }
        long lastDayEnd = LocalDate.of(2020, 6, 30)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant()
                .toEpochMilli();
        // The feed is published while the monitor runs, throttled, so that the kill lands in the middle of
        // processing, with uncommitted work and open windows, not after the backlog is done.
        AtomicInteger sent = new AtomicInteger();
        Thread producer = new Thread(
                () -> {
                    try (FeedPublisher publisher =
                            new FeedPublisher(clients, config.topics().input(), "crash-it")) {
                        long t0 = System.nanoTime();
                        for (int i = 0; i < feed.events.size(); i++) {
                            publisher.send(feed.events.get(i));
                            sent.incrementAndGet();
                            if (i % 1000 == 0) {
                                long due = t0 + i * 1_000_000_000L / 6_000;
                                long wait = due - System.nanoTime();
                                if (wait > 0) {
                                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                                }
                            }
                        }
                        publisher.heartbeat(Instant.ofEpochMilli(lastDayEnd).plus(Duration.ofHours(1)), "crash-it");
                        publisher.flush();
                        if (publisher.failed() > 0) {
                            throw new IllegalStateException(publisher.failed() + " records not delivered");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "crash-it-producer");

        Process first = startMonitor(settings);
        producer.start();
        try (KafkaConsumer<String, byte[]> consumer =
                        countsConsumer(clients, config.topics().counts());
                Admin admin = Admin.create(clients.admin())) {
            List<WindowCount> seen = new ArrayList<>();
            // The kill follows the producer, not the output: under load the detecting task's output can lag the
            // counting tasks by the whole feed, and a kill timed on the output then found every window closed.
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            AvroSerde<WindowCount> serde = AvroSerde.of(WindowCount.class);
            // ... and waits for the first monitor's first committed transaction (input offsets committed with its
            // state), so the kill finds state to restore even when the monitor started slowly under load.
            while ((sent.get() < feed.events.size() / 2 || !committedInput(admin, config.applicationId()))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(serde.decode(r.value()));
                }
            }
            assertThat(sent.get())
                    .as("events published before the kill")
                    .isGreaterThanOrEqualTo(feed.events.size() / 2);
            first.destroyForcibly().waitFor();
            assertThat(maxDayEnd(seen)).isLessThan(lastDayEnd);

            Process second = startMonitor(settings);
            try {
                pollUntil(consumer, seen, lastDayEnd, Duration.ofMinutes(10));
                // the feed-wide day count comes from detect partition 0; the other detecting tasks (their groups)
                // are done once the application has committed the end of the window batches
                assertThat(ConsumedToEnd.await(
                                clients,
                                config.applicationId(),
                                config.applicationId() + "-" + ReleaseWatchTopology.WINDOW_BATCHES + "-repartition",
                                Duration.ofMinutes(5)))
                        .isTrue();
                pollUntil(consumer, seen, lastDayEnd, Duration.ofMinutes(1));
            } finally {
                second.destroy();
                second.waitFor();
                producer.join();
            }
            assertThat(Files.readString(secondLog))
                    .as("the restarted monitor restored open windows mid-stream")
                    .containsPattern("restored \\d+ remembered releases, [1-9]\\d* open windows");
            Map<String, Long> dayCounts = new HashMap<>();
            Map<String, Integer> emissions = new HashMap<>();
            for (WindowCount c : seen) {
                if (c.getGranularity() == Granularity.DAY) {
                    String k = c.getScope() + "/" + c.getSubject() + "@"
                            + c.getWindowStart().atZone(ZoneOffset.UTC).toLocalDate();
                    dayCounts.put(k, c.getCount());
                    emissions.merge(k, 1, Integer::sum);
                }
            }
            List<String> wrong = feed.expected.entrySet().stream()
                    .filter(e -> !e.getValue().equals(dayCounts.get(e.getKey())))
                    .map(e -> e.getKey() + " expected " + e.getValue() + " got " + dayCounts.get(e.getKey()))
                    .sorted()
                    .toList();
            assertThat(wrong).isEmpty();
            assertThat(emissions)
                    .allSatisfy((k, n) -> assertThat(n).as("emissions of " + k).isEqualTo(1));
        } finally {
            first.destroyForcibly();
        }
    }

    private static Path secondLog;

    private static Process startMonitor(Map<String, String> settings) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.releasewatch.cli.Main",
                "run"));
        settings.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-Dkafka.consumer.session.timeout.ms=6000");
        cmd.add("-Dkafka.consumer.heartbeat.interval.ms=1000");
        File log = Files.createTempFile("crash-monitor", ".log").toFile();
        secondLog = log.toPath();
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
    }

    /** Whether the monitor's consumer group has committed an input offset (a transaction with its state). */
    private static boolean committedInput(Admin admin, String applicationId) {
        try {
            return admin
                    .listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS)
                    .values()
                    .stream()
                    .anyMatch(o -> o != null && o.offset() > 0);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static KafkaConsumer<String, byte[]> countsConsumer(ClientProperties clients, String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(clients.consumer("crash-it-reader"));
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static void pollUntil(
            KafkaConsumer<String, byte[]> consumer, List<WindowCount> seen, long dayEnd, Duration timeout)
            throws Exception {
        AvroSerde<WindowCount> serde = AvroSerde.of(WindowCount.class);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (maxDayEnd(seen) < dayEnd) {
            assertThat(System.nanoTime())
                    .as("waiting for windows through " + Instant.ofEpochMilli(dayEnd))
                    .isLessThan(deadline);
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                seen.add(serde.decode(r.value()));
            }
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                seen.add(serde.decode(r.value()));
            }
        }
    }

    private static long maxDayEnd(List<WindowCount> seen) {
        return seen.stream()
                .filter(c -> c.getGranularity() == Granularity.DAY)
                .mapToLong(c -> c.getWindowEnd().toEpochMilli())
                .max()
                .orElse(Long.MIN_VALUE);
    }
}
