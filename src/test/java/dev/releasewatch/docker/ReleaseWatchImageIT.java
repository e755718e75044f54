package dev.releasewatch.docker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.releasewatch.kafka.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.releasewatch.docker.Docker.docker;
import static dev.releasewatch.docker.Docker.dockerOk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image as users get it: built by {@code docker/build-image.sh} from the jar of this very build (failsafe runs
 * after {@code package}) on the base image named by {@code -Ddocker.base.image} (default: the one
 * {@code docker/build-base-image.sh} makes from Debian packages), then run with plain {@code docker run}.
 */
@Tag("docker")
class ReleaseWatchImageIT {

    private static final String IMAGE = "release-watch:it";
    private static final Duration BUILD = Duration.ofMinutes(10);
    private static final Duration RUN = Duration.ofMinutes(10);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void buildImage() throws IOException, InterruptedException {
        Docker.requireEngine();
        String base = System.getProperty("docker.base.image", "release-watch-base:17-jre");
        Docker.Result build =
                Docker.run(BUILD, Map.of("BASE_IMAGE", base), null, List.of("docker/build-image.sh", IMAGE));
        assertThat(build.exitCode())
                .as("docker/build-image.sh %s on %s:%n%s", IMAGE, base, build.both())
                .isZero();
    }

    @Test
    void demoRunsInTheContainerCountsEveryReleaseAndPrintsItsAlerts() throws Exception {
        Docker.Result demo = docker(RUN, "run", "--rm", IMAGE, "demo", "--exit-when-done");

        assertThat(demo.exitCode()).as(demo.both()).isZero();
        long releases = number(demo.err(), "demo: scenario \\S+, \\S+ to \\S+, ([\\d,]+) releases");
        long counted = number(demo.err(), "counted ([\\d,]+) releases");
        long alerts = number(demo.err(), "events in [\\d.]+ s \\([^)]*\\): ([\\d,]+) alerts");
        List<String> alertLines = demo.out()
                .lines()
                .filter(l -> l.contains(" FIRING ") || l.contains(" RESOLVED "))
                .toList();
        assertThat(counted).as("every generated release counted once").isEqualTo(releases);
        assertThat(alertLines).as("one line on stdout per alert").hasSize((int) alerts);
        assertThat(alertLines).anyMatch(l -> l.contains("FIRING") && l.contains("group SPARKS silent"));
    }

    @Test
    void runRefusesToStartWithoutBootstrapServers() throws Exception {
        Docker.Result run = docker(RUN, "run", "--rm", IMAGE, "run");

        assertThat(run.exitCode()).as(run.both()).isEqualTo(2);
        assertThat(run.err()).contains("run needs --bootstrap-servers");
    }

    @Test
    void runAgainstABrokerOutsideTheContainerCountsWhatIsProducedIsHealthyAndStopsCleanly() throws Exception {
        String gateway = Docker.bridgeGateway();
        String name = "release-watch-it-" + UUID.randomUUID();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(gateway, Map.of())) {
            dockerOk(
                    RUN,
                    "run",
                    "-d",
                    "--name",
                    name,
                    "-p",
                    "127.0.0.1::9464",
                    "--health-interval=1s",
                    "--health-retries=2",
                    IMAGE,
                    "run",
                    "--bootstrap-servers",
                    broker.bootstrapServers());
            try {
                awaitHealth(name, "healthy");
                String port = dockerOk(RUN, "port", name, "9464/tcp")
                        .lines()
                        .findFirst()
                        .orElseThrow();
                URI base = URI.create("http://" + port);
                HttpResponse<String> health = get(base.resolve("/health"));
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("\"status\":\"UP\"");

                int releases = 40;
                Docker.Result produce = Docker.run(
                        RUN,
                        Map.of(),
                        feed(releases),
                        List.of(
                                "docker",
                                "run",
                                "--rm",
                                "-i",
                                IMAGE,
                                "produce",
                                "--bootstrap-servers",
                                broker.bootstrapServers(),
                                "--file",
                                "-"));
                assertThat(produce.exitCode()).as(produce.both()).isZero();
                assertThat(awaitCounted(base, releases)).isEqualTo(releases);

                Docker.Result stop = docker(RUN, "stop", "-t", "60", name);
                assertThat(stop.exitCode()).as(stop.both()).isZero();
                String log = logs(name);
                // 143 = 128 + SIGTERM, what a JVM reports after its shutdown hooks ran; not 137 (killed after -t 60)
                assertThat(dockerOk(RUN, "inspect", "-f", "{{.State.ExitCode}}", name))
                        .as("exit status after SIGTERM; log:%n%s", log)
                        .isEqualTo("143");
                assertThat(log)
                        .contains("release-watch running on " + broker.bootstrapServers())
                        .contains("Kafka Streams PENDING_SHUTDOWN -> NOT_RUNNING")
                        .doesNotContain("exiting with status");
            } finally {
                docker(RUN, "rm", "-f", name);
            }
        }
    }

    @Test
    void runExitsWithStatusOneWhenKafkaStreamsFailsSoThatARestartPolicyActs() throws Exception {
        String gateway = Docker.bridgeGateway();
        String name = "release-watch-it-" + UUID.randomUUID();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(gateway, Map.of())) {
            dockerOk(
                    RUN,
                    "run",
                    "-d",
                    "--name",
                    name,
                    "--health-interval=1s",
                    IMAGE,
                    "run",
                    "--bootstrap-servers",
                    broker.bootstrapServers());
            try {
                awaitHealth(name, "healthy");
                // the input topic deleted under a running monitor: replacing the stream thread cannot help
                try (Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                    admin.deleteTopics(List.of("releases")).all().get();
                }
                String status = dockerOk(Duration.ofMinutes(5), "wait", name);
                String log = logs(name);
                assertThat(status).as("exit status; log:%n%s", log).isEqualTo("1");
                assertThat(log)
                        .contains("an input topic is missing; shutting down")
                        .contains("Kafka Streams is in state")
                        .contains("exiting with status 1 so that a restart policy can act");
            } finally {
                docker(RUN, "rm", "-f", name);
            }
        }
    }

    /** Waits (bounded) for the container's HEALTHCHECK status; fails with its log if it exits first. */
    private static void awaitHealth(String name, String wanted) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        String status = "";
        while (Instant.now().isBefore(deadline)) {
            String state = dockerOk(RUN, "inspect", "-f", "{{.State.Status}} {{.State.Health.Status}}", name);
            status = state.substring(state.indexOf(' ') + 1);
            if (status.equals(wanted)) {
                return;
            }
            assertThat(state).as("container state; log:%n%s", logs(name)).startsWith("running");
            Thread.sleep(1000);
        }
        throw new AssertionError(
                "health of " + name + " still '" + status + "', not '" + wanted + "'; log:\n" + logs(name));
    }

    /** Waits (bounded) until the monitor has counted {@code expected} releases; returns what it counted. */
    private static long awaitCounted(URI base, long expected) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        long counted = 0;
        while (Instant.now().isBefore(deadline) && counted < expected) {
            counted = counted(get(base.resolve("/metrics")).body());
            Thread.sleep(500);
        }
        return counted;
    }

    /** The sum of {@code releasewatch_events_total{kind="counted"}} over its other labels. */
    private static long counted(String metrics) {
        return Math.round(metrics.lines()
                .filter(l -> l.startsWith("releasewatch_events_total{") && l.contains("kind=\"counted\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum());
    }

    private static Path feed(int releases) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < releases; i++) {
            lines.add(String.format(
                    "{\"name\": \"Docker.Test.%d.2020.1080p.BluRay.x264-GROUP%d\", \"section\": \"X264\", "
                            + "\"time\": \"2020-08-19T%02d:%02d:00Z\"}",
                    i, i % 4, 10 + i / 60, i % 60));
        }
        Path file = Files.createTempFile("docker-it-feed", ".jsonl");
        file.toFile().deleteOnExit();
        return Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String logs(String name) throws IOException, InterruptedException {
        return docker(RUN, "logs", "--tail", "200", name).both();
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in:%n%s", regex, text).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }
}
