package dev.releasewatch.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C / SIGTERM into an orderly stop: {@link #await()} returns when the signal comes, and the JVM
 * waits (up to 60 s) until this is closed, i.e. until resources opened after it in the same
 * try-with-resources block have been closed: Kafka Streams commits and the embedded broker shuts down.
 */
final class GracefulShutdown implements AutoCloseable {

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    GracefulShutdown() {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            requested.countDown();
                            try {
                                finished.await(60, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "graceful-shutdown"));
    }

    /** Blocks until a stop is requested. */
    void await() throws InterruptedException {
        requested.await();
    }

    /** Waits up to {@code timeout} for a stop request; true when one came. */
    boolean await(Duration timeout) throws InterruptedException {
        return requested.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Requests a stop, as a signal would (for tests). */
    void request() {
        requested.countDown();
    }

    @Override
    public void close() {
        finished.countDown();
    }
}
