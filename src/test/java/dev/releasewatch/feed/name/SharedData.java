package dev.releasewatch.feed.name;

import java.nio.file.Path;

/** Where the shared evaluation data lives: {@code releasewatch.shared.data}, else {@code ../shared/data}. */
final class SharedData {

    private SharedData() {}

    static Path releaseNames() {
        return Path.of(System.getProperty("releasewatch.shared.data", "../shared/data"), "release-names");
    }
}
