package dev.releasewatch.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Supplier;

import org.apache.kafka.streams.KafkaStreams;

/**
 * Keeps {@code run} alive exactly as long as its Kafka Streams instance can work: it returns 0 when a stop is
 * requested (Ctrl-C, SIGTERM) and 1 as soon as Streams is in {@code ERROR} (or on its way there), or stopped without
 * being asked to. A failed stream thread is replaced by the monitor's exception handler; when it cannot be (the
 * global thread, or no thread left), Kafka Streams goes to {@code ERROR}, which ends the process here. A process
 * that stayed up with a dead topology would look healthy to a container runtime and never be restarted; exiting
 * non-zero lets the restart policy ({@code restart: on-failure}, a Kubernetes pod, systemd's
 * {@code Restart=on-failure}) act.
 */
final class StreamsWatchdog {

    /** Exit code of a monitor whose Kafka Streams failed. */
    static final int FAILED = 1;

    private StreamsWatchdog() {}

    /**
     * Why a state means the monitor can no longer work, or null when it can.
     *
     * @param state the current state
     */
    static String failure(KafkaStreams.State state) {
        return switch (state) {
            case ERROR, PENDING_ERROR ->
                "Kafka Streams is in state " + state + " (a stream thread failed and could not be replaced)";
            case NOT_RUNNING, PENDING_SHUTDOWN -> "Kafka Streams stopped (state " + state + ") without being asked to";
            default -> null;
        };
    }

    /**
     * Waits for a stop request or a failure of Kafka Streams.
     *
     * @param shutdown the stop request
     * @param state    the Streams state, read every {@code every}
     * @param every    how often the state is read
     * @param err      where the reason of a failure is printed
     * @return 0 when stopped on request, {@link #FAILED} when Kafka Streams failed
     */
    static int await(GracefulShutdown shutdown, Supplier<KafkaStreams.State> state, Duration every, PrintStream err)
            throws InterruptedException {
        while (!shutdown.await(every)) {
            String why = failure(state.get());
            if (why != null) {
                err.println("release-watch: " + why + "; exiting with status " + FAILED
                        + " so that a restart policy can act");
                return FAILED;
            }
        }
        return 0;
    }
}
