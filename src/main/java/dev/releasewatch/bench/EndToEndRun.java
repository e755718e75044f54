package dev.releasewatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.releasewatch.app.MonitorRuntime;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.feed.SectionClassifier;

/**
 * Runs the monitor itself on a bench round's input, from {@code KafkaStreams.start()} until every day window up to the
 * round's last is final and its counts have been read back, collecting the daily category counts it publishes.
 */
public final class EndToEndRun {

    /**
     * What one run measured.
     *
     * @param done              whether every day window became final within the timeout
     * @param seconds           wall-clock seconds from start to final (or to the timeout)
     * @param cpuSeconds        process CPU seconds over the same time (NaN when not reported)
     * @param cpuByThread       the process CPU by kind of thread ({@link CpuBreakdown#describe()})
     * @param counted           the published daily category counts, {@code "CATEGORY@yyyy-mm-dd" → count}, without
     *                          zeros
     * @param remembered        releases the de-dup store remembered at the end
     * @param heapWithMonitor   heap after full collections with the monitor still running
     * @param heapWithout       heap after full collections once it has closed
     * @param finalisedThrough  when not done: how far it got and the Streams state, for the report
     */
    public record Result(
            boolean done,
            double seconds,
            double cpuSeconds,
            String cpuByThread,
            Map<String, Long> counted,
            RememberedReleases remembered,
            HeapSample heapWithMonitor,
            HeapSample heapWithout,
            String finalisedThrough) {}

    private EndToEndRun() {}

    /** Runs the monitor with {@code config} until the day window ending at {@code dayEnd} is final. */
    public static Result run(AppConfig config, long dayEnd, Duration timeout) throws InterruptedException {
        Map<String, Long> counted = new ConcurrentHashMap<>();
        long t0 = System.nanoTime();
        CpuClock cpu = CpuClock.startIfSupported();
        CpuBreakdown threads = CpuBreakdown.start(config.applicationId());
        boolean done;
        double seconds;
        double cpuSeconds;
        String byThread;
        RememberedReleases remembered;
        HeapSample heapWithMonitor;
        String finalised;
        try (MonitorRuntime runtime =
                MonitorRuntime.start(config, SectionClassifier.defaults(), List.of(), List.of(c -> {
                    if (c.getScope() == Scope.CATEGORY && c.getGranularity() == Granularity.DAY && c.getCount() > 0) {
                        counted.put(
                                c.getSubject() + "@"
                                        + c.getWindowStart()
                                                .atZone(ZoneOffset.UTC)
                                                .toLocalDate(),
                                c.getCount());
                    }
                }))) {
            done = runtime.awaitFinal(dayEnd, timeout);
            seconds = (System.nanoTime() - t0) / 1e9;
            cpuSeconds = cpu == null ? Double.NaN : cpu.seconds();
            byThread = threads.describe();
            remembered = RememberedReleases.in(runtime.streams());
            heapWithMonitor = HeapSample.afterGc();
            long through = runtime.alertReader().finalDayEnd();
            finalised = (through == Long.MIN_VALUE
                            ? "no day"
                            : Instant.ofEpochMilli(through).toString()) + "; streams "
                    + runtime.streams().state();
        }
        return new Result(
                done,
                seconds,
                cpuSeconds,
                byThread,
                counted,
                remembered,
                heapWithMonitor,
                HeapSample.afterGc(),
                finalised);
    }
}
