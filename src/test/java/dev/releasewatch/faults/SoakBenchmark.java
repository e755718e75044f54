package dev.releasewatch.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.WindowCount;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.feed.synth.FeedSettings;
import dev.releasewatch.feed.synth.SyntheticFeed;
import dev.releasewatch.produce.FeedPublisher;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The soak benchmark of the fault rig (a benchmark, not a test: no suite runs it). Two monitor instances on the
 * 3-node cluster count a synthetic feed published at a sustained rate for {@code soak.minutes}; every minute it
 * prints what must stay flat as the days pass:
 *
 * <ul>
 *   <li>events/s published, and counted (the TOTAL hour counts committed that minute);
 *   <li>p50/p99 end-to-end latency: from the wall time the publisher sent the first record that lets an hour window
 *       close (event time at or past its end plus {@code window.grace}) to the wall time its committed TOTAL count is
 *       read back ({@code read_committed}): counting, the repartition, detection and two exactly-once commits;
 *   <li>how far the final windows lag the newest published event time (hours of event time);
 *   <li>each instance's heap in use right after a full GC (its state stores are in memory, so this includes them);
 *   <li>the size of the changelog topics on the brokers' disks (one replica), the durable copy of that state.
 * </ul>
 *
 * <p>Event time runs faster than the wall clock (at the default rate and volume, about one event-time day every 6
 * s), so a 10-minute run covers months of feed: windows close, the de-duplication memory expires names, the detector
 * learns, as in weeks of live operation. The brokers roll 8 MB segments so that compaction of the changelogs works
 * during the run, as it would over days with the default 1 GB segments. Run with:
 *
 * <pre>
 * ./mvnw -B -q -o package -DskipTests
 * ./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test
 * nice -n 10 java -Dsoak.minutes=10 -Dsoak.rate=3000 -Dsoak.volume=10 \
 *     -cp target/classes:target/test-classes:$(cat target/test.cp) dev.releasewatch.faults.SoakBenchmark
 * </pre>
 *
 * <p>{@code -Dsoak.config=key=value,...} sets monitor settings for the run; at the end it prints each changelog's
 * size, so that a store that grows is named.
 */
public final class SoakBenchmark {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private SoakBenchmark() {}

    /** Runs the soak; see the class comment for the system properties. */
    public static void main(String[] args) throws Exception {
        Duration length = Duration.ofMinutes(Long.getLong("soak.minutes", 10));
        int rate = Integer.getInteger("soak.rate", 3000);
        double volume = Double.parseDouble(System.getProperty("soak.volume", "10"));
        Map<String, String> brokers = Map.of("log.segment.bytes", "8388608", "log.cleaner.backoff.ms", "5000");
        try (FaultRig rig = FaultRig.start("soak", 4, brokers)) {
            rig.settings.putAll(overrides(System.getProperty("soak.config", "")));
            List<MonitorProcess> instances = List.of(rig.instance("a"), rig.instance("b"));
            for (MonitorProcess p : instances) {
                awaitReady(p);
            }
            Publisher publisher = new Publisher(rig, rate, volume);
            System.out.printf(
                    "soak: %d minutes, %d events/s, feed volume x%.1f, 2 instances, 3 brokers, 4 partitions%n",
                    length.toMinutes(), rate, volume);
            System.out.println("| minute | published ev/s | counted ev/s | hour windows | latency p50 | latency p99 "
                    + "| final windows behind | heap after full GC a / b | changelogs |");
            System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            publisher.thread.start();
            try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(rig.clients.consumer("soak-reader"));
                    Admin admin = Admin.create(rig.clients.admin())) {
                String counts = rig.config.topics().counts();
                List<TopicPartition> partitions = reader.partitionsFor(counts).stream()
                        .map(p -> new TopicPartition(counts, p.partition()))
                        .toList();
                reader.assign(partitions);
                reader.seekToBeginning(partitions);
                AvroSerde<WindowCount> serde = AvroSerde.of(WindowCount.class);
                long start = System.nanoTime();
                long published = 0;
                long finalEnd = 0;
                for (int minute = 1; minute <= length.toMinutes(); minute++) {
                    long until = start + Duration.ofMinutes(minute).toNanos();
                    List<Long> latencies = new ArrayList<>();
                    long counted = 0;
                    while (System.nanoTime() < until) {
                        for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(200))) {
                            WindowCount c = serde.decode(r.value());
                            if (c.getScope() != Scope.TOTAL || c.getGranularity() != Granularity.HOUR) {
                                continue;
                            }
                            counted += c.getCount();
                            finalEnd = Math.max(finalEnd, c.getWindowEnd().toEpochMilli());
                            Long closable =
                                    publisher.closable.remove(c.getWindowEnd().toEpochMilli());
                            if (closable != null) {
                                latencies.add((System.nanoTime() - closable) / 1_000_000);
                            }
                        }
                        instances.forEach(MonitorProcess::assertNotDiedOnItsOwn);
                        if (publisher.error != null) {
                            throw new IllegalStateException("publisher failed", publisher.error);
                        }
                    }
                    long sent = publisher.sent.get();
                    latencies.sort(null);
                    String behind = finalEnd == 0
                            ? "–"
                            : String.format("%.1f h", (publisher.newest.get() - finalEnd) / 3_600_000.0);
                    System.out.printf(
                            "| %d | %,d | %,d | %d | %s | %s | %s | %s / %s | %s |%n",
                            minute,
                            (sent - published) / 60,
                            counted / 60,
                            latencies.size(),
                            percentile(latencies, 0.50),
                            percentile(latencies, 0.99),
                            behind,
                            mb(heapAfterFullGc(instances.get(0))),
                            mb(heapAfterFullGc(instances.get(1))),
                            mb(changelogBytes(admin)));
                    published = sent;
                }
            } finally {
                publisher.stop = true;
                publisher.thread.join();
            }
            System.out.printf(
                    "soak: %,d events published up to event time %s%n",
                    publisher.sent.get(), Instant.ofEpochMilli(publisher.newest.get()));
            try (Admin admin = Admin.create(rig.clients.admin())) {
                changelogBytesByTopic(admin)
                        .forEach((topic, bytes) -> System.out.printf("soak: changelog %s %s%n", topic, mb(bytes)));
            }
        }
    }

    /** Publishes the synthetic feed at a fixed rate and notes when each hour window became closable. */
    private static final class Publisher {
        final Thread thread;
        final AtomicLong sent = new AtomicLong();
        final AtomicLong newest = new AtomicLong();
        /** Hour window end (epoch ms) to the wall time (nanoTime) the first record past end + grace was sent. */
        final Map<Long, Long> closable = new ConcurrentHashMap<>();

        volatile boolean stop;
        volatile Throwable error;

        Publisher(FaultRig rig, int rate, double volume) {
            long grace = rig.config.grace().toMillis();
            Iterator<ReleaseAnnouncement> feed = new SyntheticFeed(
                            FeedSettings.normal(LocalDate.of(2020, 1, 1), LocalDate.of(2039, 12, 31), 42)
                                    .withVolume(volume))
                    .stream().iterator();
            this.thread = new Thread(
                    () -> {
                        try (FeedPublisher out = new FeedPublisher(
                                rig.clients, rig.config.topics().input(), "soak-feed")) {
                            long t0 = System.nanoTime();
                            long nextEnd = Long.MIN_VALUE;
                            while (!stop && feed.hasNext()) {
                                ReleaseAnnouncement a = feed.next();
                                long time = a.getTime().toEpochMilli();
                                if (nextEnd == Long.MIN_VALUE) {
                                    nextEnd = (time / 3_600_000 + 1) * 3_600_000;
                                }
                                out.send(a);
                                while (time >= nextEnd + grace) {
                                    closable.put(nextEnd, System.nanoTime());
                                    nextEnd += 3_600_000;
                                }
                                newest.accumulateAndGet(time, Math::max);
                                long n = sent.incrementAndGet();
                                if (n % 200 == 0) {
                                    long wait = t0 + n * 1_000_000_000L / rate - System.nanoTime();
                                    if (wait > 0) {
                                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                                    }
                                }
                            }
                            out.flush();
                            if (out.failed() > 0) {
                                throw new IllegalStateException(out.failed() + " records not acknowledged");
                            }
                        } catch (Throwable e) {
                            error = e;
                        }
                    },
                    "soak-publisher");
        }
    }

    private static String percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return "–";
        }
        long ms = sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
        return String.format("%.1f s", ms / 1000.0);
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "?" : String.format("%.0f MB", bytes / 1e6);
    }

    /** Sum of the samples of {@code prefix} (a metric name, or a name and the start of its labels), or -1. */
    private static long metric(MonitorProcess p, String prefix) {
        try {
            String body = HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.httpPort + "/metrics"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            double sum = 0;
            boolean found = false;
            for (String line : body.split("\n")) {
                if (line.startsWith(prefix + " ") || line.startsWith(prefix + "{") || line.startsWith(prefix + ",")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    found = true;
                }
            }
            return found ? (long) sum : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The instance's heap in use right after a full GC it was asked for ({@code jcmd <pid> GC.run}): what it retains,
     * the in-memory state stores included, without the garbage a sample at a random moment would add.
     */
    private static long heapAfterFullGc(MonitorProcess p) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        String.valueOf(p.pid()),
                        "GC.run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!jcmd.waitFor(30, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            jcmd.destroyForcibly();
            return -1;
        }
        return metric(p, "jvm_memory_used_bytes{area=\"heap\"");
    }

    /**
     * Monitor settings of the run, {@code soak.config=key=value,key=value}: e.g.
     * {@code kafka.topic.delete.retention.ms=60000}, so that compaction drops the de-duplication memory's tombstones
     * within the run rather than after the 24 hours of wall time it keeps them by default.
     */
    private static Map<String, String> overrides(String spec) {
        Map<String, String> settings = new TreeMap<>();
        for (String pair : spec.split(",")) {
            if (!pair.isBlank()) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("soak.config: key=value pairs, got '" + pair + "'");
                }
                settings.put(
                        pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        return settings;
    }

    /** Bytes of each changelog topic on the brokers' disks, divided by the 3 replicas, largest first. */
    private static Map<String, Long> changelogBytesByTopic(Admin admin) throws Exception {
        Map<String, Long> bytes = new TreeMap<>();
        Map<Integer, Map<String, LogDirDescription>> dirs =
                admin.describeLogDirs(List.of(1, 2, 3)).allDescriptions().get();
        for (Map<String, LogDirDescription> byDir : dirs.values()) {
            for (LogDirDescription d : byDir.values()) {
                d.replicaInfos().forEach((tp, info) -> {
                    if (tp.topic().endsWith("-changelog")) {
                        bytes.merge(tp.topic(), info.size(), Long::sum);
                    }
                });
            }
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        bytes.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue() / 3));
        return sorted;
    }

    /** Bytes of the changelog topics on the brokers' disks, divided by the 3 replicas. */
    private static long changelogBytes(Admin admin) throws Exception {
        long total = 0;
        Map<Integer, Map<String, LogDirDescription>> dirs =
                admin.describeLogDirs(List.of(1, 2, 3)).allDescriptions().get();
        for (Map<String, LogDirDescription> byDir : dirs.values()) {
            for (LogDirDescription d : byDir.values()) {
                total += d.replicaInfos().entrySet().stream()
                        .filter(e -> e.getKey().topic().endsWith("-changelog"))
                        .mapToLong(e -> e.getValue().size())
                        .sum();
            }
        }
        return total / 3;
    }

    private static void awaitReady(MonitorProcess p) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (p.health().status() != 200) {
            p.assertNotDiedOnItsOwn();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(p.name + " not ready within 3 minutes: " + p.health());
            }
            Thread.sleep(1_000);
        }
    }
}
