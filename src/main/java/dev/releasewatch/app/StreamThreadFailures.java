package dev.releasewatch.app;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a failed stream thread: it is replaced, unless replacing it cannot help, in which case the whole
 * Kafka Streams client shuts down, goes to {@code ERROR}, and {@code run} exits 1 so that a restart policy acts.
 *
 * <p>Replacing cannot help when an input topic is missing (deleted while running): every new thread fails the same
 * way at its next rebalance, forever, while the process looks alive and {@code /health} says REBALANCING. Measured in
 * a container: a thread replaced every ~45 s for as long as it was watched. A restart instead re-creates the topics
 * ({@code TopicAdmin.ensureTopics}) and carries on. For any other failure, more than {@link #MAX_FAILURES} failures
 * within {@link #WINDOW} are taken as the same kind of loop.
 */
final class StreamThreadFailures implements StreamsUncaughtExceptionHandler {

    /** Failures tolerated within {@link #WINDOW}; one more shuts the client down. */
    static final int MAX_FAILURES = 3;
    /** How far back failures are counted. */
    static final Duration WINDOW = Duration.ofMinutes(10);

    private static final Logger LOGGER = LoggerFactory.getLogger(StreamThreadFailures.class);

    private final LongSupplier nanoTime;
    private final Deque<Long> recent = new ArrayDeque<>();

    StreamThreadFailures() {
        this(System::nanoTime);
    }

    /** @param nanoTime the clock failures are timed with (a fake one in tests) */
    StreamThreadFailures(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        if (missingSourceTopic(exception)) {
            LOGGER.error(
                    "Stream thread failed because an input topic is missing; shutting down (a restart re-creates "
                            + "the topics): {}",
                    exception.toString(),
                    exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        long now = nanoTime.getAsLong();
        while (!recent.isEmpty() && now - recent.peekFirst() > WINDOW.toNanos()) {
            recent.removeFirst();
        }
        recent.addLast(now);
        if (recent.size() > MAX_FAILURES) {
            LOGGER.error(
                    "Stream thread failed {} times within {}; shutting down instead of replacing it again: {}",
                    recent.size(),
                    WINDOW,
                    exception.toString(),
                    exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        LOGGER.error("Stream thread failed, replacing it: {}", exception.toString(), exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    private static boolean missingSourceTopic(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MissingSourceTopicException) {
                return true;
            }
        }
        return false;
    }
}
