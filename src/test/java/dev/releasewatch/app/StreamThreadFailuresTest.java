package dev.releasewatch.app;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

/** A failed stream thread is replaced unless replacing it is a loop: then the client shuts down (ERROR, exit 1). */
class StreamThreadFailuresTest {

    private final AtomicLong now = new AtomicLong();
    private final StreamThreadFailures failures = new StreamThreadFailures(now::get);

    @Test
    void aMissingInputTopicShutsTheClientDownAtOnceEvenWhenWrapped() {
        assertThat(failures.handle(new MissingSourceTopicException("releases deleted")))
                .isEqualTo(SHUTDOWN_CLIENT);
        assertThat(new StreamThreadFailures(now::get)
                        .handle(new StreamsException(new MissingSourceTopicException("releases deleted"))))
                .isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void otherFailuresAreReplacedUpToTheBudgetWithinTheWindow() {
        for (int i = 0; i < StreamThreadFailures.MAX_FAILURES; i++) {
            assertThat(failures.handle(new IllegalStateException("boom " + i))).isEqualTo(REPLACE_THREAD);
            now.addAndGet(1_000_000_000L);
        }
        assertThat(failures.handle(new IllegalStateException("once too often"))).isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        for (int i = 0; i < StreamThreadFailures.MAX_FAILURES; i++) {
            assertThat(failures.handle(new IllegalStateException("boom " + i))).isEqualTo(REPLACE_THREAD);
        }
        now.addAndGet(StreamThreadFailures.WINDOW.toNanos() + 1);
        assertThat(failures.handle(new IllegalStateException("a day later"))).isEqualTo(REPLACE_THREAD);
    }
}
