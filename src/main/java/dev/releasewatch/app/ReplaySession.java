package dev.releasewatch.app;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;

import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.produce.FeedPublisher;
import dev.releasewatch.produce.ProgressReporter;
import dev.releasewatch.topology.TopologyMetrics;
import dev.releasewatch.topology.WindowClock;
import io.micrometer.core.instrument.Counter;

/**
 * Publishes a finite feed into a running monitor and waits until every window up to the last event is
 * final and every alert of those windows has been read back: the {@code replay}, {@code demo} and
 * {@code bench} path, and the backfill path.
 *
 * <p>At the end of the feed it sends a heartbeat to every input partition at the end of the last event's
 * hour plus the grace: that tells every counting task the feed is complete up to there, so the last hour (and the
 * last day, when that hour ends it) closes even on partitions whose own last record came earlier. Not the end of
 * the last event's day: a feed cut at midnight UTC replayed with {@code window.zone=Europe/Paris} ends two hours
 * into a local day, and closing the rest of that day would announce 22 silent hours that never happened.
 */
public final class ReplaySession {

    private ReplaySession() {}

    /**
     * What a replay did.
     *
     * @param published    announcements published
     * @param failed       announcements the broker did not acknowledge
     * @param lastEvent    latest event time published (null when none)
     * @param finalThrough end of the last day window finalised
     * @param completed    whether every window was final before the timeout
     * @param publishNanos time spent publishing (until acknowledged)
     * @param totalNanos   time from the first publish to the last window final
     */
    public record Result(
            long published,
            long failed,
            Instant lastEvent,
            Instant finalThrough,
            boolean completed,
            long publishNanos,
            long totalNanos) {}

    /**
     * Publishes {@code feed} into {@code runtime} and waits for the result.
     *
     * @param progress progress reporting while publishing (may be null)
     */
    public static Result replay(
            MonitorRuntime runtime,
            Iterator<ReleaseAnnouncement> feed,
            String source,
            ProgressReporter progress,
            Duration timeout)
            throws InterruptedException {
        long t0 = System.nanoTime();
        long published;
        long failed;
        long maxEvent;
        long publishNanos;
        try (FeedPublisher publisher =
                new FeedPublisher(runtime.clients(), runtime.config().topics().input(), "release-watch-replay")) {
            publisher.sendAll(feed, progress);
            // the end of the feed as most of its last records say: a few stamped ahead must not close empty hours
            maxEvent = publisher.lastEventTime();
            if (maxEvent != Long.MIN_VALUE) {
                publisher.heartbeat(Instant.ofEpochMilli(endHeartbeat(runtime, maxEvent)), source);
            }
            publisher.flush();
            published = publisher.sent();
            failed = publisher.failed();
            publishNanos = System.nanoTime() - t0;
            if (progress != null) {
                progress.finish(published);
            }
        }
        if (maxEvent == Long.MIN_VALUE) {
            return new Result(published, failed, null, null, true, publishNanos, System.nanoTime() - t0);
        }
        long target = lastClosableDayEnd(runtime, maxEvent);
        boolean done = runtime.awaitFinal(target, timeout);
        return new Result(
                published,
                failed,
                Instant.ofEpochMilli(maxEvent),
                Instant.ofEpochMilli(runtime.alertReader().finalDayEnd()),
                done,
                publishNanos,
                System.nanoTime() - t0);
    }

    /** Heartbeat time closing the last event's hour, kept inside the validator's future-skew limit. */
    private static long endHeartbeat(MonitorRuntime runtime, long maxEvent) {
        WindowClock clock = new WindowClock(runtime.config().zone());
        long wanted = clock.hourStart(maxEvent)
                + WindowClock.HOUR
                + runtime.config().grace().toMillis();
        long limit =
                System.currentTimeMillis() + runtime.config().maxFutureSkew().toMillis() - 60_000;
        return Math.min(wanted, limit);
    }

    private static long lastClosableDayEnd(MonitorRuntime runtime, long maxEvent) {
        WindowClock clock = new WindowClock(runtime.config().zone());
        long watermark =
                endHeartbeat(runtime, maxEvent) - runtime.config().grace().toMillis();
        long end = clock.dayEnd(maxEvent);
        return end <= watermark ? end : clock.dayStart(maxEvent);
    }

    /** Count of a topology event kind so far (e.g. {@code dead_letter}), from the metrics. */
    public static long eventCount(MonitorRuntime runtime, String kind) {
        Counter c = runtime.registry()
                .find(TopologyMetrics.EVENTS)
                .tag("kind", kind)
                .counter();
        return c == null ? 0 : (long) c.count();
    }
}
