package dev.releasewatch.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One monitor instance as a separate JVM ({@code release-watch run}), started from the built jar when it is there
 * (failsafe runs after {@code package}) and from the test class path otherwise, like {@code CrashRestartIT}. Several
 * instances share one {@code application.id}; each has its own state directory and HTTP port, and its output goes
 * to {@code target/faults/<name>.log} so a failed test can be read afterwards.
 */
final class MonitorProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "release-watch-0.1.0.jar");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final Path log;
    final int httpPort;
    private final Process process;
    private volatile boolean stopped;

    private MonitorProcess(String name, Path log, int httpPort, Process process) {
        this.name = name;
        this.log = log;
        this.httpPort = httpPort;
        this.process = process;
    }

    /**
     * Starts an instance.
     *
     * @param name     instance name (log file name)
     * @param settings configuration keys passed as {@code -D key=value}; state.dir and metrics.port are set here
     * @param stateDir this instance's Kafka Streams state directory (reuse it to restart "on the same disk")
     */
    static MonitorProcess start(String name, Map<String, String> settings, Path stateDir) {
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:ActiveProcessorCount=2"));
        if (Files.isRegularFile(JAR)) {
            cmd.addAll(List.of("-jar", JAR.toString(), "run"));
        } else {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.releasewatch.cli.Main", "run"));
        }
        settings.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-Dstate.dir=" + stateDir);
        cmd.add("-Dmetrics.port=" + port);
        cmd.add("-Dmetrics.bind=127.0.0.1");
        try {
            Path dir = Files.createDirectories(Path.of("target", "faults"));
            Path log = dir.resolve(name + ".log");
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new MonitorProcess(name, log, port, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no commit, no leave-group. */
    void kill9() throws InterruptedException {
        stopped = true;
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: the monitor's shutdown hook closes Kafka Streams (commit, leave the group). */
    void stop() throws InterruptedException {
        stopped = true;
        process.destroy();
        process.waitFor();
    }

    /** The operating-system process id. */
    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Fails when the instance exited without being stopped by the test, quoting the end of its output. */
    void assertNotDiedOnItsOwn() {
        if (!stopped && !process.isAlive()) {
            String out = output();
            throw new AssertionError("instance " + name + " exited with " + process.exitValue() + ":\n"
                    + out.substring(Math.max(0, out.length() - 3000)));
        }
    }

    /** {@code /health}: status code and body, or -1 and the error when it does not answer. */
    HealthReply health() {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
                            .timeout(Duration.ofSeconds(3))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new HealthReply(r.statusCode(), r.body());
        } catch (IOException e) {
            return new HealthReply(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HealthReply(-1, "interrupted");
        }
    }

    /**
     * The sum of the samples of one metric in {@code /metrics} whose line starts with {@code sample} (a name, or a
     * name and its first labels, e.g. {@code releasewatch_active_tasks{role="count"}}); -1 when it does not answer.
     */
    double metric(String sample) {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String prefix = sample.endsWith("}") ? sample.substring(0, sample.length() - 1) : sample;
            return r.body()
                    .lines()
                    .filter(l -> l.startsWith(prefix + " ")
                            || l.startsWith(prefix + ",")
                            || l.startsWith(prefix + "{")
                            || l.startsWith(prefix + "}"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                    .sum();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The instance's output so far. */
    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** Kills the instance if it still runs (the tests stop or kill instances themselves; this is the safety net). */
    @Override
    public void close() {
        if (process.isAlive()) {
            stopped = true;
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One answer of {@code /health}. */
    record HealthReply(int status, String body) {}

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
