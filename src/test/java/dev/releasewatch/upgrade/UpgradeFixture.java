package dev.releasewatch.upgrade;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The upgrade fixtures of one release of the code, a directory {@code src/test/resources/upgrade/<commit>/}:
 * {@code fixture.properties} (the commit, the application id, the input's committed offsets, each changelog's
 * partitions and topic configuration), one {@code changelog-<store>.txt} per changelogged store, and
 * {@code counts.txt} and {@code alerts.txt}, the output topics, each a file of {@link FixtureRecord} lines.
 * The directory's {@code README.md} says how it was made.
 */
final class UpgradeFixture {

    static final String PROPERTIES = "fixture.properties";
    static final String COUNTS = "counts.txt";
    static final String ALERTS = "alerts.txt";
    private static final String CHANGELOG_PREFIX = "changelog-";
    private static final String CHANGELOG_CONFIG = "changelog.";

    final Properties properties;
    final Path dir;

    private UpgradeFixture(Path dir, Properties properties) {
        this.dir = dir;
        this.properties = properties;
    }

    static UpgradeFixture read(Path dir) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return new UpgradeFixture(dir, p);
    }

    String commit() {
        return properties.getProperty("commit");
    }

    String applicationId() {
        return properties.getProperty("application.id");
    }

    /** The input's committed offsets of the application's consumer group, by partition. */
    Map<Integer, Long> inputOffsets() {
        Map<Integer, Long> offsets = new TreeMap<>();
        properties.stringPropertyNames().stream()
                .filter(k -> k.startsWith("input.offset."))
                .forEach(k -> offsets.put(
                        Integer.parseInt(k.substring("input.offset.".length())),
                        Long.parseLong(properties.getProperty(k))));
        return offsets;
    }

    /** The stores whose changelogs the fixture holds. */
    List<String> stores() {
        return properties.stringPropertyNames().stream()
                .filter(k -> k.startsWith(CHANGELOG_CONFIG) && k.endsWith(".partitions"))
                .map(k -> k.substring(CHANGELOG_CONFIG.length(), k.length() - ".partitions".length()))
                .sorted()
                .toList();
    }

    int changelogPartitions(String store) {
        return Integer.parseInt(properties.getProperty(CHANGELOG_CONFIG + store + ".partitions"));
    }

    /** The changelog topic's configuration as the previous release's Kafka Streams created it. */
    Map<String, String> changelogConfig(String store) {
        String prefix = CHANGELOG_CONFIG + store + ".config.";
        Map<String, String> config = new TreeMap<>();
        properties.stringPropertyNames().stream()
                .filter(k -> k.startsWith(prefix))
                .forEach(k -> config.put(k.substring(prefix.length()), properties.getProperty(k)));
        return config;
    }

    List<FixtureRecord> changelog(String store) throws IOException {
        return records(CHANGELOG_PREFIX + store + ".txt");
    }

    List<FixtureRecord> records(String file) throws IOException {
        List<FixtureRecord> records = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                records.add(FixtureRecord.parse(line));
            }
        }
        return records;
    }

    /** Writes a fixture directory: the properties, then each file of records. */
    static void write(Path dir, Properties properties, Map<String, List<FixtureRecord>> files) throws IOException {
        Files.createDirectories(dir);
        List<String> header = new ArrayList<>(List.of("# upgrade fixture: see README.md"));
        properties.stringPropertyNames().stream()
                .sorted()
                .forEach(k -> header.add(k + "=" + properties.getProperty(k)));
        Files.write(dir.resolve(PROPERTIES), header, StandardCharsets.UTF_8);
        for (Map.Entry<String, List<FixtureRecord>> file : files.entrySet()) {
            List<String> lines =
                    file.getValue().stream().map(FixtureRecord::toLine).toList();
            Files.write(dir.resolve(file.getKey()), lines, StandardCharsets.UTF_8);
        }
    }

    static String changelogFile(String store) {
        return CHANGELOG_PREFIX + store + ".txt";
    }

    static String changelogKey(String store, String what) {
        return CHANGELOG_CONFIG + store + "." + what;
    }
}
