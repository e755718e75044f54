package dev.releasewatch.http;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How long Kafka Streams has been REBALANCING without a break, and whether that is too long for {@code /health}.
 *
 * <p>A rebalance is normal (an instance joins or leaves, a task moves) and lasts seconds; answering 503 at once
 * would make a load balancer or an orchestrator act on every one of them, and flap with them. One that does not end
 * is a fault (a member that keeps crashing, a group that cannot settle, a task that cannot restore), and a 200
 * would hide it. So a rebalance is healthy, with its state in the body, until it has lasted {@code limit}, then
 * not ready with the reason. The start is taken from the Kafka Streams state listener ({@link #observe}) so that a
 * rebalance is timed from its start even when nobody asks {@code /health} meanwhile; {@code /health} observes the
 * state too, so a missed transition cannot leave a stale start behind.
 */
public final class RebalanceWatch {

    static final String REBALANCING = "REBALANCING";
    private static final long NONE = Long.MIN_VALUE;

    private final Duration limit;
    private final LongSupplier nanoClock;
    private long since = NONE;

    /**
     * A watch with the given limit ({@code health.max-rebalance}).
     *
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
     */
    public RebalanceWatch(Duration limit, LongSupplier nanoClock) {
        this.limit = limit;
        this.nanoClock = nanoClock;
    }

    /** Records the Kafka Streams state now: a rebalance starts at the first REBALANCING, ends at any other state. */
    public synchronized void observe(String state) {
        if (!REBALANCING.equals(state)) {
            since = NONE;
        } else if (since == NONE) {
            since = nanoClock.getAsLong();
        }
    }

    /** The reason not to be ready, given the state now: null unless REBALANCING for longer than the limit. */
    public synchronized String reason(String state) {
        observe(state);
        if (since == NONE) {
            return null;
        }
        Duration lasted = Duration.ofNanos(nanoClock.getAsLong() - since);
        return lasted.compareTo(limit) > 0
                ? "Kafka Streams has been REBALANCING for " + lasted.toSeconds() + " s (health.max-rebalance "
                        + limit.toSeconds() + " s)"
                : null;
    }
}
