package dev.releasewatch.it;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.command.InspectContainerResponse;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * A single-node KRaft broker in a container of the image {@code docker/build-kafka-image.sh} builds from Kafka's jars
 * on Maven Central: where no registry is reachable, Testcontainers' Kafka module cannot have its
 * {@code apache/kafka} image. The broker must advertise the port Docker maps for it, known only once the container
 * runs, so its start script waits for that address in a file that is copied in here, as Testcontainers' own
 * {@code KafkaContainer} does.
 */
final class LocalKafkaContainer extends GenericContainer<LocalKafkaContainer> {

    private static final int PORT = 9092;
    private static final Duration BUILD = Duration.ofMinutes(10);
    private static final Object BUILD_LOCK = new Object();
    private static boolean built;

    LocalKafkaContainer(String image) {
        super(DockerImageName.parse(image));
        withExposedPorts(PORT);
        waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(Duration.ofMinutes(3)));
    }

    /**
     * Builds {@code image} with {@code docker/build-kafka-image.sh} once per JVM (the script's default base image is
     * made from Debian packages when missing), so the tests always run on the jars of this build.
     */
    static void build(String image) {
        synchronized (BUILD_LOCK) {
            if (built) {
                return;
            }
            try {
                Path log = Path.of("target", "build-kafka-image.log");
                Process p = new ProcessBuilder("docker/build-kafka-image.sh", image)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                if (!p.waitFor(BUILD.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("docker/build-kafka-image.sh did not finish within " + BUILD);
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("docker/build-kafka-image.sh " + image + " failed (exit "
                            + p.exitValue() + "); see " + log.toAbsolutePath());
                }
                built = true;
            } catch (IOException e) {
                throw new IllegalStateException("cannot run docker/build-kafka-image.sh: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    protected void containerIsStarting(InspectContainerResponse containerInfo) {
        copyFileToContainer(Transferable.of(bootstrapServers()), "/tmp/kafka-advertised");
    }

    /** Where clients outside the container reach the broker. */
    String bootstrapServers() {
        return getHost() + ":" + getMappedPort(PORT);
    }
}
