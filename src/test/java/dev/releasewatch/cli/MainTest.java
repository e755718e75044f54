package dev.releasewatch.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @Test
    void shouldAnswerABadArgumentWithOneLineAndExitCode2() {
        String err = runCapturingErr("replay", "--timeout", "soon", "--file", "x.jsonl");
        assertThat(lastExit).isEqualTo(2);
        assertThat(err.strip().lines().count()).isEqualTo(1);
        assertThat(err).contains("--timeout");
    }

    @Test
    void shouldRefuseANegativeBenchWarmUpBeforeStartingAnything() {
        String err = runCapturingErr("bench", "--warmup", "-1");
        assertThat(lastExit).isEqualTo(2);
        assertThat(err.strip().lines().count()).isEqualTo(1);
        assertThat(err).contains("--warmup");
    }

    @Test
    void shouldRefuseBenchOptionsThatALiveRunWouldIgnore() {
        String err = runCapturingErr("bench", "--live", "--warmup", "1000");
        assertThat(lastExit).isEqualTo(2);
        assertThat(err.strip().lines().count()).isEqualTo(1);
        assertThat(err).contains("--live").contains("--warmup");
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

    @Test
    void shouldRefuseToAcceptANewNormalWithoutACluster() {
        String err = runCapturingErr("accept", "--scope", "CATEGORY", "--subject", "GAMES", "--operator", "alice");
        assertThat(lastExit).isEqualTo(2);
        assertThat(err.strip()).startsWith("release-watch: accept needs --bootstrap-servers");
    }

    @Test
    void shouldAnswerAnAcceptWithoutOperatorOrWithAnUnknownScopeWithOneLineAndExitCode2() {
        String err = runCapturingErr(
                "accept", "--scope", "CATEGORY", "--subject", "GAMES", "--bootstrap-servers", "localhost:1");
        assertThat(lastExit).isEqualTo(2);
        assertThat(err.strip().lines().count()).isEqualTo(1);
        assertThat(err).contains("--operator");

        err = runCapturingErr(
                "accept",
                "--scope",
                "SECTION",
                "--subject",
                "GAMES",
                "--operator",
                "alice",
                "--bootstrap-servers",
                "localhost:1");
        assertThat(lastExit).isEqualTo(2);
        assertThat(err.strip().lines().count()).isEqualTo(1);
        assertThat(err).contains("--scope").contains("CATEGORY");

        err = runCapturingErr(
                "accept",
                "--scope",
                "CATEGORY",
                "--subject",
                "GAMES",
                "--operator",
                "alice",
                "--effective-at",
                "yesterday",
                "--bootstrap-servers",
                "localhost:1");
        assertThat(lastExit).isEqualTo(2);
        assertThat(err.strip().lines().count()).isEqualTo(1);
        assertThat(err).contains("--effective-at").contains("ISO-8601");

        err = runCapturingErr(
                "accept",
                "--scope",
                "CATEGORY",
                "--subject",
                "GAMES",
                "--operator",
                "alice",
                "--effective-at",
                "2999-01-01T00:00:00Z",
                "--bootstrap-servers",
                "localhost:1");
        assertThat(lastExit).isEqualTo(2);
        assertThat(err.strip().lines().count()).isEqualTo(1);
        assertThat(err).contains("effectiveAt 2999-01-01T00:00:00Z is after the decision was taken");
    }

    @Test
    void shouldRefuseAnUnusableDecisionBeforePublishingIt() {
        String err = runCapturingErr(
                "accept",
                "--scope",
                "TOTAL",
                "--subject",
                "GAMES",
                "--operator",
                "alice",
                "--bootstrap-servers",
                "localhost:1");
        assertThat(lastExit).isEqualTo(2);
        assertThat(err.strip())
                .startsWith("release-watch: accept: subject of scope TOTAL must be *")
                .doesNotContain("\n");

        err = runCapturingErr(
                "accept",
                "--scope",
                "SOURCE",
                "--subject",
                "mirror-1",
                "--operator",
                "alice",
                "--bootstrap-servers",
                "localhost:1");
        assertThat(lastExit).isEqualTo(2);
        assertThat(err.strip()).startsWith("release-watch: accept: scope SOURCE has no normal to accept");

        err = runCapturingErr(
                "accept", "--scope", "GROUP", "--operator", "alice", "--bootstrap-servers", "localhost:1");
        assertThat(lastExit).isEqualTo(2);
        assertThat(err.strip()).startsWith("release-watch: accept: subject is empty");

        err = runCapturingErr(
                "accept",
                "--scope",
                "CATEGORY",
                "--subject",
                "GAMES",
                "--operator",
                " ",
                "--bootstrap-servers",
                "localhost:1");
        assertThat(lastExit).isEqualTo(2);
        assertThat(err.strip()).startsWith("release-watch: accept: operator is empty");
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
