package dev.releasewatch.evaluate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Each published detector's threshold per profile, from NAB's {@code config/thresholds.json}. NAB tuned them
 * on its full 58-file corpus; the {@code score} fields beside them are ignored because some are stale.
 */
public final class PublishedThresholds {

    private final JsonNode root;
    private final Path file;

    private PublishedThresholds(JsonNode root, Path file) {
        this.root = root;
        this.file = file;
    }

    /** Reads NAB's {@code config/thresholds.json}. */
    public static PublishedThresholds read(Path thresholdsJson) {
        try {
            return new PublishedThresholds(new ObjectMapper().readTree(thresholdsJson.toFile()), thresholdsJson);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read NAB thresholds " + thresholdsJson, e);
        }
    }

    /**
     * The threshold NAB scores {@code detector} with under {@code profile}: a row is a detection when its
     * anomaly score is at least this.
     *
     * @throws IllegalArgumentException when the file has no such entry
     */
    public double threshold(String detector, String profile) {
        JsonNode node = root.path(detector).path(profile).get("threshold");
        if (node == null || !node.isNumber()) {
            throw new IllegalArgumentException(file + ": no threshold for " + detector + "." + profile);
        }
        return node.asDouble();
    }
}
