package dev.releasewatch.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import dev.releasewatch.config.AppConfig;
import dev.releasewatch.config.TopicSettings;

/**
 * Gives a finite run (replay, demo, bench) its own application id and state directory, and on a shared
 * cluster its own topics, so it neither reuses old state nor mixes its records into the live input.
 */
final class IsolatedRun {

    private IsolatedRun() {}

    /** The configuration for a run of {@code kind} keeping its Streams state in {@code state}. */
    static AppConfig isolate(AppConfig config, String kind, Path state) {
        String id = kind + "-"
                + LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        AppConfig isolated = config.withApplicationId(config.applicationId() + "-" + id, state);
        return config.embeddedBroker() ? isolated : withTopicSuffix(isolated, "-" + id);
    }

    /** {@code config} with {@code suffix} appended to the name of every topic it reads or writes. */
    static AppConfig withTopicSuffix(AppConfig config, String suffix) {
        TopicSettings t = config.topics();
        return config.withTopics(new TopicSettings(
                t.input() + suffix,
                t.counts() + suffix,
                t.alerts() + suffix,
                t.deadLetters() + suffix,
                t.decisions() + suffix,
                t.partitions(),
                t.detectPartitions(),
                t.replicationFactor(),
                t.retention()));
    }
}
