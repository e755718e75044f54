package dev.releasewatch.bench;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import dev.releasewatch.app.MonitorRuntime;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.WindowCount;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.feed.SectionClassifier;
import dev.releasewatch.feed.synth.FeedSettings;
import dev.releasewatch.feed.synth.SyntheticFeed;

/**
 * The live latency benchmark ({@code bench --live}): the normal synthetic feed published live against a
 * {@link ScaledClock} with heartbeats ({@link LiveFeedPump}) into a running monitor, and, for every window that
 * closes, the wall-clock time from the instant the clock reached the window's end plus grace (the earliest moment the
 * window can be final) to the moment its feed-wide (TOTAL) count is read, read_committed, from the counts topic. The
 * detecting stage writes a window's counts when it has judged it final, in the same transaction as the window's
 * alerts, so this is also the latency of an alert of that window; alerts themselves are too rare in a normal feed to
 * give percentiles.
 *
 * <p>Event time starts at a local midnight three days before the run, so it stays behind the wall clock for any
 * run of a few minutes: nothing is stamped in the future, and the monitor's idle advance (which moves event time with
 * the wall clock on a live partition with no records) never fires; windows close only through the heartbeats.
 */
public final class LiveLatencyRun {

    private final AppConfig config;
    private final int partitions;
    private final double speed;
    private final Duration beat;
    private final long seed;

    /**
     * @param config     the monitor's configuration (broker, topics, grace, zone)
     * @param partitions the input topic's partitions: each gets the heartbeats
     * @param speed      how much faster than the wall clock event time runs
     * @param beat       the wall-clock time between heartbeats
     * @param seed       the feed's seed
     */
    public LiveLatencyRun(AppConfig config, int partitions, double speed, Duration beat, long seed) {
        this.config = config;
        this.partitions = partitions;
        this.speed = speed;
        this.beat = beat;
        this.seed = seed;
    }

    /**
     * Runs the monitor and the live feed for {@code duration} of wall-clock time.
     *
     * @throws IllegalStateException when the monitor does not start within a minute, or publishing fails
     */
    public LiveLatencyReport run(Duration duration) throws InterruptedException {
        LocalDate first = LocalDate.now(config.zone()).minusDays(3);
        long eventStart = first.atStartOfDay(config.zone()).toInstant().toEpochMilli();
        long spanMillis = (long) (duration.toMillis() * speed);
        LocalDate last = first.plusDays(spanMillis / 86_400_000L + 1);
        SyntheticFeed feed = new SyntheticFeed(FeedSettings.normal(first, last, seed));
        long grace = config.grace().toMillis();
        Queue<Long> hours = new ConcurrentLinkedQueue<>();
        Queue<Long> days = new ConcurrentLinkedQueue<>();
        AtomicLong alerts = new AtomicLong();
        ScaledClock[] clock = new ScaledClock[1];
        try (MonitorRuntime runtime = MonitorRuntime.start(
                config, SectionClassifier.defaults(), List.of(a -> alerts.incrementAndGet()), List.of(c -> {
                    ScaledClock k = clock[0];
                    if (k == null || c.getScope() != Scope.TOTAL) {
                        return;
                    }
                    long latency = System.currentTimeMillis() - k.wallAt(windowEnd(c) + grace);
                    (c.getGranularity() == Granularity.HOUR ? hours : days).add(latency);
                }))) {
            if (!runtime.awaitRunning(Duration.ofMinutes(1))) {
                throw new IllegalStateException("the monitor did not reach RUNNING within a minute");
            }
            clock[0] = new ScaledClock(System.currentTimeMillis(), eventStart, speed);
            long published;
            try (LiveFeedPump pump = new LiveFeedPump(
                            new ClientProperties(config), config.topics().input(), partitions, clock[0], beat, feed)
                    .start()) {
                Thread.sleep(duration.toMillis());
                published = pump.published();
            }
            // the windows that became final just before the end get the time to arrive, without new ones closing
            Thread.sleep(Math.max(5_000, 3 * beat.toMillis()));
            return new LiveLatencyReport(
                    new Latencies(hours.stream().mapToLong(Long::longValue).toArray()),
                    new Latencies(days.stream().mapToLong(Long::longValue).toArray()),
                    alerts.get(),
                    published);
        }
    }

    private static long windowEnd(WindowCount c) {
        return c.getWindowEnd().toEpochMilli();
    }
}
