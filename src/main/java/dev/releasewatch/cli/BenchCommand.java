package dev.releasewatch.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import dev.releasewatch.bench.BaselineRun;
import dev.releasewatch.bench.BenchFeed;
import dev.releasewatch.bench.EndToEndRun;
import dev.releasewatch.bench.LargestRecord;
import dev.releasewatch.bench.Latencies;
import dev.releasewatch.bench.LiveLatencyReport;
import dev.releasewatch.bench.LiveLatencyRun;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.kafka.EmbeddedKafkaBroker;
import dev.releasewatch.kafka.TemporaryDirectory;
import dev.releasewatch.kafka.TopicAdmin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
            names = "--warmup",
            paramLabel = "N",
            defaultValue = "0",
            description = "First run N events of another seed, on their own topics, through the monitor (and the"
                    + " baseline with --baseline), unmeasured, so that the measured runs both start with a warm JIT;"
                    + " 0 measures from a cold JVM, where the baseline, run second, inherits the code the monitor's"
                    + " run compiled (default ${DEFAULT-VALUE}).")
    long warmup;

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
            description = "Give up waiting for every window to be final (and for the baseline's counts) after this"
                    + " many minutes, and still report (default ${DEFAULT-VALUE}).")
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
        if (events <= 0 || warmup < 0) {
            throw new ParameterException(spec.commandLine(), "--events must be positive and --warmup not negative");
        }
        if (groups < 0 || timeoutMinutes <= 0) {
            throw new ParameterException(
                    spec.commandLine(), "--groups must not be negative and --timeout-minutes must be positive");
        }
        if (live && (baseline || warmup > 0 || groups > 0)) {
            throw new ParameterException(
                    spec.commandLine(), "--live measures latency only: --baseline, --warmup and --groups do not apply");
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
            int partitions = ensureTopics(clients, config);
            if (live) {
                return live(config, partitions);
            }
            boolean warmedUp =
                    warmup == 0 || warmUp(clients, config, state.path().resolve("warmup"));

            System.err.printf("generating %,d events...%n", events);
            BenchFeed feed = BenchFeed.generate(config, events, groups, seed);
            double produceSeconds = feed.produce(clients, partitions);
            long produced = feed.events();
            System.out.printf(
                    "produce:    %,12d events in %6.2f s = %,10.0f events/s%n",
                    produced, produceSeconds, produced / produceSeconds);

            EndToEndRun.Result e2e = EndToEndRun.run(config, feed.dayEnd(), Duration.ofMinutes(timeoutMinutes));
            if (!e2e.done()) {
                System.out.printf(
                        "end to end:  NOT FINAL: the monitor did not make every day window final within %d minutes"
                                + " (finalised through %s)%n",
                        timeoutMinutes, e2e.finalisedThrough());
            } else {
                System.out.printf(
                        "end to end:  %d events in %.2f s = %.0f events/s (from KafkaStreams.start() to every day window"
                                + " final; %d input partitions, %s%s)%n",
                        produced,
                        e2e.seconds(),
                        produced / e2e.seconds(),
                        partitions,
                        config.processingGuarantee(),
                        warmup > 0 ? ", after the warm-up" : "");
            }
            BaselineRun baselineRun = null;
            double baselineSeconds = Double.NaN;
            if (baseline) {
                baselineRun = new BaselineRun(clients, config.topics().input(), config.applicationId() + "-baseline");
                baselineSeconds =
                        baselineRun.run(feed.expected(), baselineGrace(feed), Duration.ofMinutes(timeoutMinutes));
                if (baselineSeconds < 0) {
                    System.out.println(
                            "baseline:    did not reach the expected counts within " + timeoutMinutes + " minutes");
                } else {
                    System.out.printf(
                            "baseline:    %d events in %.2f s = %.0f events/s (textbook selectKey/groupByKey/windowed"
                                    + " count + de-dup, %s)%n",
                            produced, baselineSeconds, produced / baselineSeconds, config.processingGuarantee());
                }
            }

            double rawRate = rawConsume(clients, config);
            if (!e2e.done()) {
                System.out.println("ratio:       none (the monitor did not finish)");
            } else if (baselineSeconds > 0) {
                System.out.printf(
                        "ratio:       end-to-end / baseline = %.2f; end-to-end / raw consume = %.3f%n",
                        baselineSeconds / e2e.seconds(), produced / e2e.seconds() / rawRate);
            } else {
                System.out.printf("ratio:       end-to-end / raw consume = %.3f%n", produced / e2e.seconds() / rawRate);
            }
            if (e2e.done() && !Double.isNaN(e2e.cpuSeconds())) {
                printCpu(produced, e2e, baselineSeconds > 0 ? baselineRun : null);
            }
            LargestRecord largest = LargestRecord.scan(clients);
            System.out.printf("largest record: %d bytes (topic %s)%n", largest.bytes(), largest.topic());
            if (e2e.remembered().known()) {
                System.out.printf(
                        "heap:        %d bytes per remembered release (heap after GC with the monitor running minus"
                                + " after it closed, %d MB, over the %d releases its de-dup store remembers; all its"
                                + " state counts)%n",
                        e2e.heapWithMonitor()
                                .perItemOver(e2e.heapWithout(), e2e.remembered().count()),
                        (e2e.heapWithMonitor().bytes() - e2e.heapWithout().bytes()) >> 20,
                        e2e.remembered().count());
            }
            if (groups > 0) {
                System.out.printf(
                        "groups:      %d distinct groups in the feed (%d in the tail)%n",
                        feed.distinctGroups(), groups);
            }
            return verify(feed, e2e) && warmedUp ? 0 : 1;
        }
    }

    private static int ensureTopics(ClientProperties clients, AppConfig config) {
        try (TopicAdmin admin = new TopicAdmin(clients, config.topics())) {
            return admin.ensureTopics();
        }
    }

    /** The textbook windows' grace: the data's whole span and two days, so that they drop nothing of a replay. */
    private static Duration baselineGrace(BenchFeed feed) {
        return feed.span().plusDays(2);
    }

    /**
     * Runs {@code --warmup} events of another seed, on their own topics and application ids, through the monitor (and
     * the baseline when it is compared), unmeasured: the JIT compilers then have compiled the code both share (the
     * broker, the clients, Streams) and each one's own, so the measured runs compare warm code with warm code instead
     * of favouring whichever runs second. Its counts are checked like the measured run's.
     *
     * @return whether the monitor's counts were exact
     */
    private boolean warmUp(ClientProperties clients, AppConfig config, Path stateDir) throws Exception {
        AppConfig w = IsolatedRun.withTopicSuffix(
                config.withApplicationId(config.applicationId() + "-warmup", stateDir), "-warmup");
        int partitions = ensureTopics(clients, w);
        System.err.printf("warming up with %,d events...%n", warmup);
        BenchFeed feed = BenchFeed.generate(w, warmup, groups, seed + 1);
        feed.produce(clients, partitions);
        EndToEndRun.Result e2e = EndToEndRun.run(w, feed.dayEnd(), Duration.ofMinutes(timeoutMinutes));
        boolean counted = e2e.done() && e2e.counted().equals(feed.expected());
        String baselineOutcome = "";
        if (baseline) {
            double seconds = new BaselineRun(clients, w.topics().input(), w.applicationId() + "-baseline")
                    .run(feed.expected(), baselineGrace(feed), Duration.ofMinutes(timeoutMinutes));
            baselineOutcome = seconds < 0
                    ? "; baseline did not reach the expected counts"
                    : String.format(Locale.ROOT, "; baseline %.2f s", seconds);
        }
        System.out.printf(
                "warm-up:     %d events (seed %d, own topics; not measured): end to end %.2f s, counts %s%s%n",
                feed.events(),
                seed + 1,
                e2e.seconds(),
                counted ? "OK" : "MISMATCH (the run will exit 1)",
                baselineOutcome);
        return counted;
    }

    /** Reads the input topic once with a plain consumer; returns its rate in records per second. */
    private static double rawConsume(ClientProperties clients, AppConfig config) {
        long consumed = 0;
        long t0 = System.nanoTime();
        Properties cp = clients.consumer("release-watch-bench-raw");
        cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(cp)) {
            List<TopicPartition> tps = consumer.partitionsFor(config.topics().input()).stream()
                    .map(p -> new TopicPartition(config.topics().input(), p.partition()))
                    .toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long total = consumer.endOffsets(tps).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            while (consumed < total) {
                consumed += consumer.poll(Duration.ofMillis(500)).count();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                "raw consume:%,12d records in %6.2f s = %,10.0f records/s (plain consumer, same topic)%n",
                consumed, seconds, consumed / seconds);
        return consumed / seconds;
    }

    private static void printCpu(long produced, EndToEndRun.Result e2e, BaselineRun baselineRun) {
        boolean both = baselineRun != null && !Double.isNaN(baselineRun.cpuSeconds());
        System.out.printf(
                "cpu:         end to end %.1f s = %.0f events per CPU-second%s (process CPU: stream threads, embedded"
                        + " broker, JIT and GC; steadier than wall time on a shared machine)%n",
                e2e.cpuSeconds(),
                produced / e2e.cpuSeconds(),
                both
                        ? String.format(
                                Locale.ROOT,
                                "; baseline %.1f s = %.0f; baseline / end-to-end CPU = %.2f",
                                baselineRun.cpuSeconds(),
                                produced / baselineRun.cpuSeconds(),
                                baselineRun.cpuSeconds() / e2e.cpuSeconds())
                        : "");
        System.out.printf("cpu by thread, end to end: %s%n", e2e.cpuByThread());
        if (both) {
            System.out.printf("cpu by thread, baseline:   %s%n", baselineRun.cpuByThread());
        }
    }

    /** Prints whether the monitor's daily category counts equal the generator's, and the first differences. */
    private static boolean verify(BenchFeed feed, EndToEndRun.Result e2e) {
        Map<String, Long> expected = feed.expected();
        Map<String, Long> counted = e2e.counted();
        boolean match = e2e.done() && counted.equals(expected);
        System.out.printf(
                "verify: %s (%,d category-day windows, %,d releases counted of %,d events; %,d of them names"
                        + " announced again after the de-dup window)%n",
                match ? "OK" : "MISMATCH",
                expected.size(),
                expected.values().stream().mapToLong(Long::longValue).sum(),
                feed.events(),
                feed.recounted());
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
        return match;
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
