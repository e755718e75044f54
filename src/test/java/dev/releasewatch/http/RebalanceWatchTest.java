package dev.releasewatch.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A rebalance is timed from the state change the listener saw, not from the first {@code /health} after it. */
class RebalanceWatchTest {

    private final AtomicLong nanos = new AtomicLong(42);
    private final RebalanceWatch watch = new RebalanceWatch(Duration.ofSeconds(300), nanos::get);

    @Test
    void shouldTimeARebalanceFromTheTransitionEvenWhenNobodyAskedMeanwhile() {
        watch.observe("REBALANCING");
        nanos.addAndGet(Duration.ofSeconds(400).toNanos());

        assertThat(watch.reason("REBALANCING"))
                .isEqualTo("Kafka Streams has been REBALANCING for 400 s (health.max-rebalance 300 s)");
    }

    @Test
    void shouldTimeFromTheFirstLookWhenTheTransitionWasMissedAndForgetItAtAnyOtherState() {
        assertThat(watch.reason("REBALANCING")).isNull();
        nanos.addAndGet(Duration.ofSeconds(300).toNanos());
        assertThat(watch.reason("REBALANCING"))
                .as("exactly the limit is still healthy")
                .isNull();
        nanos.addAndGet(1);
        assertThat(watch.reason("REBALANCING")).startsWith("Kafka Streams has been REBALANCING for 300 s");

        assertThat(watch.reason("PENDING_SHUTDOWN")).isNull();
        assertThat(watch.reason("REBALANCING")).as("a new rebalance").isNull();
    }
}
