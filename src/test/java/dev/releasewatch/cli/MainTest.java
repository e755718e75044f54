package dev.releasewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void shouldAnswerABadArgumentWithOneLineAndExitCode2() {
        String err = runCapturingErr("replay", "--timeout", "soon", "--file", "x.jsonl");
        assertThat(lastExit).isEqualTo(2);
        assertThat(err.strip().lines().count()).isEqualTo(1);
        assertThat(err).contains("--timeout");
    }

    @Test
    void shouldAnswerAnUnknownCommandWithExitCode2() {
        runCapturingErr("frobnicate");
        assertThat(lastExit).isEqualTo(2);
    }

    @Test
    void shouldFailABadConfigurationNamingTheKey() {
        String err = runCapturingErr("replay", "--file", "x.jsonl", "-D", "window.grace=soon");
        assertThat(lastExit).isEqualTo(2);
        assertThat(err.strip()).startsWith("release-watch: bad configuration: window.grace:");
    }

    @Test
    void shouldRefuseToProduceWithoutACluster() {
        String err = runCapturingErr("produce", "--file", "feed.jsonl");
        assertThat(lastExit).isEqualTo(2);
        assertThat(err.strip()).startsWith("release-watch: produce needs --bootstrap-servers");
    }

    private int lastExit;

    private String runCapturingErr(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            lastExit = Main.execute(args);
        } finally {
            System.setErr(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
