package dev.releasewatch.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run}: refuses to start without a cluster, and exits 1 when Kafka Streams fails. */
class RunCommandTest {

    private int exit;

    private String run(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            exit = Main.execute(args);
        } finally {
            System.setErr(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void refusesToStartWithoutBootstrapServersInsteadOfStartingAnEmbeddedBroker() {
        String err = run("run", "--metrics-port", "-1");
        assertThat(exit).isEqualTo(Main.USAGE);
        assertThat(err).contains("run needs --bootstrap-servers");
    }

    @Test
    void anExplicitEmbeddedBrokerAndBootstrapServersExcludeEachOther() {
        String err = run("run", "--embedded-broker", "--bootstrap-servers", "localhost:1", "--metrics-port", "-1");
        assertThat(exit).isEqualTo(Main.USAGE);
        assertThat(err).contains("--embedded-broker and bootstrap.servers exclude each other");
    }

    @Test
    void helpSaysWhatRunAndPollDoAndThatTheyNeedACluster() {
        String runHelp = help("run");
        assertThat(runHelp).contains("Needs --bootstrap-servers").contains("--embedded-broker");
        String pollHelp = help("poll");
        assertThat(pollHelp)
                .contains("--bootstrap-servers is required")
                .contains("--preset")
                .contains("/metrics")
                .doesNotContain("Without it, an embedded single-node broker is started");
    }

    private static String help(String command) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.execute(command, "--help")).isZero();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
    }

    @Test
    void exitsWithStatusOneWhenStreamsReachesError() throws Exception {
        ArrayDeque<State> states =
                new ArrayDeque<>(List.of(State.REBALANCING, State.RUNNING, State.RUNNING, State.PENDING_ERROR));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (GracefulShutdown shutdown = new GracefulShutdown()) {
            int code = StreamsWatchdog.await(
                    shutdown,
                    () -> states.size() > 1 ? states.poll() : states.peek(),
                    Duration.ofMillis(1),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(code).isEqualTo(StreamsWatchdog.FAILED);
        }
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("PENDING_ERROR")
                .contains("could not be replaced");
    }

    @Test
    void exitsWithStatusZeroWhenStopRequestedAndOneWhenStreamsStopsByItself() throws Exception {
        try (GracefulShutdown shutdown = new GracefulShutdown()) {
            shutdown.request();
            assertThat(StreamsWatchdog.await(shutdown, () -> State.RUNNING, Duration.ofMillis(1), System.err))
                    .isZero();
        }
        assertThat(StreamsWatchdog.failure(State.NOT_RUNNING)).contains("without being asked");
        assertThat(StreamsWatchdog.failure(State.ERROR)).contains("ERROR");
        assertThat(StreamsWatchdog.failure(State.RUNNING)).isNull();
        assertThat(StreamsWatchdog.failure(State.REBALANCING)).isNull();
    }
}
