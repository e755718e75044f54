package dev.releasewatch.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import dev.releasewatch.app.MonitorRuntime;
import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.bench.BaselineRun;
import dev.releasewatch.bench.CpuClock;
import dev.releasewatch.bench.HeapSample;
import dev.releasewatch.bench.LargestRecord;
import dev.releasewatch.bench.Latencies;
import dev.releasewatch.bench.LiveLatencyReport;
import dev.releasewatch.bench.LiveLatencyRun;
import dev.releasewatch.bench.RememberedReleases;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.feed.Categories;
import dev.releasewatch.feed.GroupName;
import dev.releasewatch.feed.SectionClassifier;
import dev.releasewatch.feed.synth.FeedSettings;
import dev.releasewatch.feed.synth.GroupTail;
import dev.releasewatch.feed.synth.Scenarios;
import dev.releasewatch.feed.synth.SyntheticFeed;
import dev.releasewatch.kafka.EmbeddedKafkaBroker;
import dev.releasewatch.kafka.TemporaryDirectory;
import dev.releasewatch.kafka.TopicAdmin;
import dev.releasewatch.topology.WindowClock;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code release-watch bench}: end-to-end throughput on a real broker. Generates N events (the normal
 * synthetic feed, scaled), then measures, in this order: producing them (idempotent, acks=all, lz4);
 * processing them through the topology from {@code KafkaStreams.start()} until every day window is final
 * ("counts final"); and a plain consumer reading the same topic (the machine's raw consume limit). Checks
 * that the per-category daily counts equal the generator's.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description =
                "Measures produce, end-to-end processing and raw consume rates on a real broker, and verifies the counts.")
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--events",
            defaultValue = "1000000",
            description = "Events to generate (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--seed", defaultValue = "7", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--baseline",
            description = "Also run the textbook topology (selectKey/groupByKey/windowed count + de-dup store, same"
                    + " guarantee) on the same topic, broker and JVM, and print its rate and the ratio.")
    boolean baseline;

    @Option(
            names = "--groups",
            paramLabel = "N",
            defaultValue = "0",
            description = "Re-attribute half of the releases to a long (Zipf-like) tail of N distinct small groups, as"
                    + " on public indexers; the feed's big groups stay (default: none).")
    int groups;

    @Option(
            names = "--timeout-minutes",
            defaultValue = "20",
            description = "Give up waiting for every window to be final after this many minutes, and still report"
                    + " (default ${DEFAULT-VALUE}).")
    int timeoutMinutes;

    @Option(
            names = "--live",
            description = "Measure live latency instead: publish the normal feed live (event time --live-speed times"
                    + " the wall clock, heartbeats) for --live-seconds and report, per closing window, the wall-clock"
                    + " time from its end plus grace to its count on the counts topic.")
    boolean live;

    @Option(
            names = "--live-seconds",
            defaultValue = "180",
            description = "Wall-clock length of the live run (default ${DEFAULT-VALUE}).")
    int liveSeconds;

    @Option(
            names = "--live-speed",
            defaultValue = "1200",
            description = "Event-time speed of the live run relative to the wall clock (default ${DEFAULT-VALUE}: an"
                    + " hour window every 3 s).")
    double liveSpeed;

    @Option(
            names = "--live-beat-ms",
            defaultValue = "50",
            description = "Wall-clock milliseconds between heartbeats in the live run (default ${DEFAULT-VALUE}).")
    int liveBeatMillis;

    @Override
    public Integer call() throws Exception {
        if (events <= 0) {
            throw new ParameterException(spec.commandLine(), "--events must be positive");
        }
        if (groups < 0 || timeoutMinutes <= 0) {
            throw new ParameterException(
                    spec.commandLine(), "--groups must not be negative and --timeout-minutes must be positive");
        }
        if (options.metricsPort == null) {
            options.metricsPort = -1;
        }
        AppConfig base = options.load();
        try (EmbeddedKafkaBroker broker = base.embeddedBroker() ? EmbeddedKafkaBroker.start() : null;
                TemporaryDirectory state = TemporaryDirectory.create("release-watch-bench-state-")) {
            AppConfig config = IsolatedRun.isolate(
                    broker == null ? base : base.withBootstrapServers(broker.bootstrapServers()),
                    "bench",
                    state.path());
            ClientProperties clients = new ClientProperties(config);
            int partitions;
            try (TopicAdmin admin = new TopicAdmin(clients, config.topics())) {
                partitions = admin.ensureTopics();
            }
            if (live) {
                return live(config, partitions);
            }

            System.err.printf("generating %,d events...%n", events);
            FeedSettings normal = Scenarios.normal().settings().withSeed(seed);
            double volume = events / (double) new SyntheticFeed(normal).size();
            SyntheticFeed synthetic = new SyntheticFeed(normal.withVolume(volume));
            Iterable<ReleaseAnnouncement> feed =
                    groups == 0 ? synthetic : new GroupTail(synthetic, groups, GenerateCommand.TAIL_SHARE, seed);
            Set<String> distinctGroups = new HashSet<>();
            Categories categories = Categories.defaults();
            AvroSerde<ReleaseAnnouncement> serde = AvroSerde.of(ReleaseAnnouncement.class);
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
            Map<String, Long> expected = new HashMap<>();
            long maxTime = Long.MIN_VALUE;
            long minTime = Long.MAX_VALUE;
            // a name announced again after the de-dup window is a new release to the monitor (dedup.window): the tail's
            // rewritten names sometimes equal another name weeks apart, and those are counted twice, rightly
            Map<String, Long> countedAt = new HashMap<>();
            long dedup = config.dedupWindow().toMillis();
            long recounted = 0;
            for (ReleaseAnnouncement a : feed) {
                if (records.size() >= events) {
                    break;
                }
                String key = a.getName().toLowerCase(Locale.ROOT);
                records.add(new ProducerRecord<>(config.topics().input(), key, serde.encode(a)));
                long t = a.getTime().toEpochMilli();
                Long previous = countedAt.get(key);
                if (previous != null && t - previous <= dedup) {
                    continue;
                }
                recounted += previous == null ? 0 : 1;
                countedAt.put(key, t);
                distinctGroups.add(GroupName.of(a.getName()));
                LocalDate day = a.getTime().atZone(ZoneOffset.UTC).toLocalDate();
                expected.merge(categories.categoryOf(a.getSection()) + "@" + day, 1L, Long::sum);
                maxTime = Math.max(maxTime, a.getTime().toEpochMilli());
                minTime = Math.min(minTime, a.getTime().toEpochMilli());
            }
            long dayEnd = new WindowClock(config.zone()).dayEnd(maxTime);
            ReleaseAnnouncement end = ReleaseAnnouncement.newBuilder()
                    .setKind(EventKind.HEARTBEAT)
                    .setName("")
                    .setTime(Instant.ofEpochMilli(dayEnd + config.grace().toMillis()))
                    .setSource("bench")
                    .build();

            long t0 = System.nanoTime();
            try (KafkaProducer<String, byte[]> producer =
                    new KafkaProducer<>(clients.producer("release-watch-bench"))) {
                for (ProducerRecord<String, byte[]> r : records) {
                    producer.send(r);
                }
                producer.flush();
                double produceSeconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf(
                        "produce:    %,12d events in %6.2f s = %,10.0f events/s%n",
                        records.size(), produceSeconds, records.size() / produceSeconds);
                for (int p = 0; p < partitions; p++) {
                    producer.send(new ProducerRecord<>(config.topics().input(), p, null, serde.encode(end)));
                }
                producer.flush();
            }
            long produced = records.size();
            records.clear();
            countedAt.clear();

            HeapSample heapWithMonitor;
            RememberedReleases remembered;
            Map<String, Long> counted = new ConcurrentHashMap<>();
            double endToEndSeconds;
            long t1 = System.nanoTime();
            CpuClock cpu = CpuClock.startIfSupported();
            double endToEndCpu = Double.NaN;
            boolean done;
            try (MonitorRuntime runtime =
                    MonitorRuntime.start(config, SectionClassifier.defaults(), List.of(), List.of(c -> {
                        if (c.getScope() == Scope.CATEGORY
                                && c.getGranularity() == Granularity.DAY
                                && c.getCount() > 0) {
                            counted.put(
                                    c.getSubject() + "@"
                                            + c.getWindowStart()
                                                    .atZone(ZoneOffset.UTC)
                                                    .toLocalDate(),
                                    c.getCount());
                        }
                    }))) {
                done = runtime.awaitFinal(dayEnd, Duration.ofMinutes(timeoutMinutes));
                endToEndSeconds = (System.nanoTime() - t1) / 1e9;
                endToEndCpu = cpu == null ? Double.NaN : cpu.seconds();
                remembered = RememberedReleases.in(runtime.streams());
                heapWithMonitor = HeapSample.afterGc();
                if (!done) {
                    System.out.printf(
                            "end to end:  NOT FINAL: the monitor did not make every day window final within %d"
                                    + " minutes (finalised through %s; streams %s)%n",
                            timeoutMinutes,
                            runtime.alertReader().finalDayEnd() == Long.MIN_VALUE
                                    ? "no day"
                                    : Instant.ofEpochMilli(runtime.alertReader().finalDayEnd()),
                            runtime.streams().state());
                } else {
                    System.out.printf(
                            "end to end:  %d events in %.2f s = %.0f events/s (from KafkaStreams.start() to every day window"
                                    + " final; %d input partitions, %s)%n",
                            produced,
                            endToEndSeconds,
                            produced / endToEndSeconds,
                            partitions,
                            config.processingGuarantee());
                }
            }
            HeapSample heapWithout = HeapSample.afterGc();
            double baselineSeconds = Double.NaN;
            double baselineCpu = Double.NaN;
            if (baseline) {
                Duration grace = Duration.ofMillis(maxTime - minTime).plusDays(2);
                BaselineRun baselineRun =
                        new BaselineRun(clients, config.topics().input(), config.applicationId() + "-baseline");
                baselineSeconds = baselineRun.run(expected, grace, Duration.ofMinutes(3));
                baselineCpu = baselineRun.cpuSeconds();
                if (baselineSeconds < 0) {
                    System.out.println("baseline:    did not reach the expected counts within 3 minutes");
                } else {
                    System.out.printf(
                            "baseline:    %d events in %.2f s = %.0f events/s (textbook selectKey/groupByKey/windowed"
                                    + " count + de-dup, %s)%n",
                            produced, baselineSeconds, produced / baselineSeconds, config.processingGuarantee());
                }
            }

            long consumed = 0;
            long t2 = System.nanoTime();
            Properties cp = clients.consumer("release-watch-bench-raw");
            cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(cp)) {
                List<TopicPartition> tps = consumer
                        .partitionsFor(config.topics().input())
                        .stream()
                        .map(p -> new TopicPartition(config.topics().input(), p.partition()))
                        .toList();
                consumer.assign(tps);
                consumer.seekToBeginning(tps);
                Map<TopicPartition, Long> endOffsets = consumer.endOffsets(tps);
                long total =
                        endOffsets.values().stream().mapToLong(Long::longValue).sum();
                while (consumed < total) {
                    consumed += consumer.poll(Duration.ofMillis(500)).count();
                }
            }
            double consumeSeconds = (System.nanoTime() - t2) / 1e9;
            System.out.printf(
                    "raw consume:%,12d records in %6.2f s = %,10.0f records/s (plain consumer, same topic)%n",
                    consumed, consumeSeconds, consumed / consumeSeconds);

            double rawRate = consumed / consumeSeconds;
            if (!done) {
                System.out.println("ratio:       none (the monitor did not finish)");
            } else if (baseline && baselineSeconds > 0) {
                System.out.printf(
                        "ratio:       end-to-end / baseline = %.2f; end-to-end / raw consume = %.3f%n",
                        baselineSeconds / endToEndSeconds, produced / endToEndSeconds / rawRate);
            } else {
                System.out.printf(
                        "ratio:       end-to-end / raw consume = %.3f%n", produced / endToEndSeconds / rawRate);
            }
            if (done && !Double.isNaN(endToEndCpu)) {
                System.out.printf(
                        "cpu:         end to end %.1f s = %.0f events per CPU-second%s (process CPU: stream threads,"
                                + " embedded broker, JIT and GC; steadier than wall time on a shared machine)%n",
                        endToEndCpu,
                        produced / endToEndCpu,
                        baselineSeconds > 0 && !Double.isNaN(baselineCpu)
                                ? String.format(
                                        Locale.ROOT,
                                        "; baseline %.1f s = %.0f; baseline / end-to-end CPU = %.2f",
                                        baselineCpu,
                                        produced / baselineCpu,
                                        baselineCpu / endToEndCpu)
                                : "");
            }
            LargestRecord largest = LargestRecord.scan(clients);
            System.out.printf("largest record: %d bytes (topic %s)%n", largest.bytes(), largest.topic());
            if (remembered.known()) {
                System.out.printf(
                        "heap:        %d bytes per remembered release (heap after GC with the monitor running minus"
                                + " after it closed, %d MB, over the %d releases its de-dup store remembers; all its"
                                + " state counts)%n",
                        heapWithMonitor.perItemOver(heapWithout, remembered.count()),
                        (heapWithMonitor.bytes() - heapWithout.bytes()) >> 20,
                        remembered.count());
            }
            if (groups > 0) {
                System.out.printf(
                        "groups:      %d distinct groups in the feed (%d in the tail)%n",
                        distinctGroups.size(), groups);
            }

            boolean match = done && counted.equals(expected);
            System.out.printf(
                    "verify: %s (%,d category-day windows, %,d releases counted of %,d events; %,d of them names"
                            + " announced again after the de-dup window)%n",
                    match ? "OK" : "MISMATCH",
                    expected.size(),
                    expected.values().stream().mapToLong(Long::longValue).sum(),
                    produced,
                    recounted);
            if (!match) {
                expected.entrySet().stream()
                        .filter(e -> !e.getValue().equals(counted.get(e.getKey())))
                        .limit(5)
                        .forEach(e -> System.out.printf(
                                "  %s: expected %d, counted %s%n", e.getKey(), e.getValue(), counted.get(e.getKey())));
                counted.keySet().stream()
                        .filter(k -> !expected.containsKey(k))
                        .limit(5)
                        .forEach(k -> System.out.printf("  %s: not expected, counted %d%n", k, counted.get(k)));
            }
            return match ? 0 : 1;
        }
    }

    private int live(AppConfig config, int partitions) throws InterruptedException {
        if (liveSeconds <= 0 || !(liveSpeed >= 1) || liveBeatMillis <= 0) {
            throw new ParameterException(
                    spec.commandLine(), "--live-seconds and --live-beat-ms must be positive, --live-speed at least 1");
        }
        LiveLatencyReport report = new LiveLatencyRun(
                        config, partitions, liveSpeed, Duration.ofMillis(liveBeatMillis), seed)
                .run(Duration.ofSeconds(liveSeconds));
        System.out.printf(
                "live:        %d announcements in %d s (event time x%.0f, heartbeats every %d ms on %d partitions,"
                        + " grace %s, %s); %d alerts%n",
                report.published(),
                liveSeconds,
                liveSpeed,
                liveBeatMillis,
                partitions,
                config.grace(),
                config.processingGuarantee(),
                report.alerts());
        for (String granularity : List.of("hour", "day")) {
            Latencies l = granularity.equals("hour") ? report.hours() : report.days();
            if (l.count() == 0) {
                System.out.printf("latency %s: no window closed%n", granularity);
            } else {
                System.out.printf(
                        "latency %s: p50 %d ms, p99 %d ms, max %d ms over %d windows (wall clock from window end +"
                                + " grace to its TOTAL count read_committed on the counts topic)%n",
                        granularity, l.percentile(0.5), l.percentile(0.99), l.max(), l.count());
            }
        }
        return report.hours().count() > 0 ? 0 : 1;
    }
}
