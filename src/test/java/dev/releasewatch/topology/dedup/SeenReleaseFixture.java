package dev.releasewatch.topology.dedup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The de-duplication entry of the upgrade test. {@link #main} wrote
 * {@code src/test/resources/upgrade/seen-release-v1.bin} with the release that stored entries without a version
 * (version 1); kept to write the next version's fixture.
 */
final class SeenReleaseFixture {

    static final SeenRelease SEEN = new SeenRelease(1_709_266_000_000L, "GAMES", "RAZOR", "mirror-2");

    private SeenReleaseFixture() {}

    /** Writes the entry with the serde on the class path into the file given. */
    public static void main(String[] args) throws IOException {
        Files.write(Path.of(args[0]), SeenRelease.serde().serializer().serialize("seen", SEEN));
    }
}
