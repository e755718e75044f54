package dev.releasewatch.ops;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real Prometheus and Alertmanager binaries of Debian's {@code prometheus} and
 * {@code prometheus-alertmanager} packages, for the ops tests. A missing binary fails the test with the
 * package to install (CI installs them; a silent skip would hide that the rules were never checked).
 */
final class OpsTools {

    static final String INSTALL = "apt-get install -y prometheus prometheus-alertmanager";
    /** The repository's docker/ directory (tests run in the project base directory). */
    static final Path DOCKER = Path.of("docker").toAbsolutePath();

    private OpsTools() {}

    /** The binary's path; fails naming the package when it is neither in /usr/bin nor on the PATH. */
    static Path binary(String name, String debianPackage) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("/usr/bin", name));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, name));
                }
            }
        }
        for (Path p : candidates) {
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError(name + " not found in /usr/bin or on the PATH: install the Debian package '"
                + debianPackage + "' (" + INSTALL + ")");
    }

    /** Output and exit code of a finished command. */
    record Result(int exitCode, String output) {}

    /** Runs a command in {@code dir} with a bounded wait; the process is killed if it overruns. */
    static Result run(Path dir, Duration timeout, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("ops-cmd", ".log");
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(done)
                    .as("%s finished within %s; output:%n%s", String.join(" ", command), timeout, out)
                    .isTrue();
            return new Result(p.exitValue(), out);
        } finally {
            stop(p);
            Files.deleteIfExists(log);
        }
    }

    /** Stops a process: SIGTERM, up to 5 s, then SIGKILL. Null-safe. */
    static void stop(Process p) {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A port free on the loopback interface right now. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Starts Debian's Alertmanager on {@code port} with the project's configuration, its data and log in {@code dir}
     * (no gossip port: a single instance on loopback only).
     */
    static Process startAlertmanager(Path dir, int port) throws IOException {
        return new ProcessBuilder(
                        binary("prometheus-alertmanager", "prometheus-alertmanager")
                                .toString(),
                        "--config.file=" + DOCKER.resolve("alertmanager/alertmanager.yml"),
                        "--storage.path=" + dir.resolve("am"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--cluster.listen-address=")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
    }
}
