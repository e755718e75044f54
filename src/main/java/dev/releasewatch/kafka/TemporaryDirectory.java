package dev.releasewatch.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fresh directory under the system temp directory, deleted with everything in it on close: the data of
 * the embedded broker, and the Kafka Streams state of finite runs (replay, demo, bench, scenarios), which
 * would otherwise pile up in the temp directory run after run.
 */
public final class TemporaryDirectory implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(TemporaryDirectory.class);

    private final Path path;

    private TemporaryDirectory(Path path) {
        this.path = path;
    }

    /** Creates a directory whose name starts with {@code prefix}. */
    public static TemporaryDirectory create(String prefix) {
        try {
            return new TemporaryDirectory(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory. */
    public Path path() {
        return path;
    }

    @Override
    public void close() {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOGGER.warn("Could not delete {}: {}", path, e.getMessage());
        }
    }
}
