package dev.releasewatch.evaluate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A NAB scoring profile: the weights of a caught window, a false detection and a missed window.
 *
 * @param name     the profile's name in {@code config/profiles.json}, e.g. {@code standard}
 * @param tpWeight A_TP, earned in full by a detection on a window's first row
 * @param fpWeight A_FP, the most a detection outside every window can cost
 * @param fnWeight A_FN, the cost of a window with no detection
 */
public record NabProfile(String name, double tpWeight, double fpWeight, double fnWeight) {

    /** NAB's standard profile (1 / 0.11 / 1). */
    public static final String STANDARD = "standard";

    /**
     * Reads NAB's {@code config/profiles.json} ({@code {"standard": {"CostMatrix": {"tpWeight": ..}}}}).
     *
     * @return the profiles by name, in the file's order
     */
    public static Map<String, NabProfile> read(Path profilesJson) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(profilesJson.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read NAB profiles " + profilesJson, e);
        }
        Map<String, NabProfile> profiles = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode costs = field.getValue().path("CostMatrix");
            profiles.put(
                    field.getKey(),
                    new NabProfile(
                            field.getKey(),
                            requiredWeight(costs, "tpWeight", profilesJson),
                            requiredWeight(costs, "fpWeight", profilesJson),
                            requiredWeight(costs, "fnWeight", profilesJson)));
        }
        return profiles;
    }

    private static double requiredWeight(JsonNode costs, String weight, Path file) {
        JsonNode node = costs.get(weight);
        if (node == null || !node.isNumber()) {
            throw new IllegalArgumentException(file + ": CostMatrix." + weight + " missing or not a number");
        }
        return node.asDouble();
    }
}
