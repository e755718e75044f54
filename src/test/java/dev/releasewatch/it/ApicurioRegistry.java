package dev.releasewatch.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Apicurio Registry (2.6, in-memory H2 storage) in its own JVM, from the Quarkus distribution that Apicurio
 * publishes on Maven Central ({@code io.apicurio:apicurio-registry-app:2.6.13.Final:tar.gz:all}); {@code -Pregistry}
 * unpacks it into {@code target/apicurio-registry} and names that directory in {@code apicurio.registry.dir}.
 */
final class ApicurioRegistry implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofMinutes(3);

    private final Process process;
    private final int port;

    private ApicurioRegistry(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the registry on a free loopback port and waits until it reports ready. */
    static ApicurioRegistry start() throws IOException, InterruptedException {
        String dir = System.getProperty("apicurio.registry.dir");
        if (dir == null) {
            throw new IllegalStateException("apicurio.registry.dir is not set: run with -Pregistry");
        }
        Path jar;
        try (var files = Files.list(Path.of(dir))) {
            jar = files.filter(p -> p.getFileName().toString().endsWith("-runner.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no *-runner.jar in " + dir));
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Path.of("target", "apicurio-registry-" + port + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of(
                        java,
                        "-Xmx512m",
                        "-Dquarkus.http.host=127.0.0.1",
                        "-Dquarkus.http.port=" + port,
                        "-jar",
                        jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ApicurioRegistry registry = new ApicurioRegistry(p, port);
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        HttpClient http = HttpClient.newHttpClient();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the registry exited with " + p.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(registry.base() + "/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return registry;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        registry.close();
        throw new IllegalStateException("the registry was not ready within " + START_LIMIT + "; see " + log);
    }

    /** The server's root, e.g. {@code http://127.0.0.1:PORT}. */
    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Apicurio's own API, which its serde uses ({@code schema.registry.url}). */
    String registryApi() {
        return base() + "/apis/registry/v2";
    }

    /** The Confluent-compatible API that standard tools use. */
    String confluentApi() {
        return base() + "/apis/ccompat/v7";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
