package dev.releasewatch.feed.name;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Measures the parser on every name of the shared release-name corpus, per field, on the names where the field is
 * stated (including statements that a field is absent), and asserts the accuracy targets.
 *
 * <p>The corpus is third-party data and is read in place from {@code releasewatch.shared.data}; it is never copied
 * into the repository. Run with {@code -Dcorpus.mismatches=FIELD} (or {@code all}) to print the misses.
 */
@Tag("evaluation")
class CorpusAccuracyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Double> TARGETS = new LinkedHashMap<>();

    static {
        TARGETS.put("group", 0.99);
        TARGETS.put("type", 0.97);
        TARGETS.put("title", 0.90);
        TARGETS.put("year", 0.95);
        TARGETS.put("season", 0.95);
        TARGETS.put("episode", 0.95);
        TARGETS.put("resolution", 0.95);
        TARGETS.put("source", 0.90);
        TARGETS.put("codec", 0.90);
    }

    private final ReleaseNameParser parser = new ReleaseNameParser();

    @Test
    void shouldMeetAccuracyTargetsOnTheSharedCorpus() throws IOException {
        Path corpus = SharedData.releaseNames().resolve("corpus.jsonl");
        if (!Files.isRegularFile(corpus)) {
            fail("release-name corpus not found at " + corpus.toAbsolutePath()
                    + " (set -Dreleasewatch.shared.data to the shared data directory)");
        }
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (String field : TARGETS.keySet()) {
            counts.put(field, new int[2]);
        }
        counts.put("date", new int[2]);
        counts.put("category", new int[2]);
        String show = System.getProperty("corpus.mismatches", "");
        List<String> misses = new ArrayList<>();
        int rows = 0;
        try (BufferedReader in = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                rows++;
                JsonNode row = JSON.readTree(line);
                String name = row.get("name").asText();
                String section = row.hasNonNull("section") ? row.get("section").asText() : null;
                String suite = SuiteVocabulary.suite(row.get("source").asText());
                JsonNode expected = row.get("expected");
                ParsedRelease r = parser.parse(name, section);
                compare(
                        counts,
                        misses,
                        show,
                        "group",
                        expected,
                        "group",
                        suite,
                        r,
                        name,
                        (v, s) -> SuiteVocabulary.group(s, v.isNull() ? null : v.asText()),
                        SuiteVocabulary.group(suite, r.group()));
                compare(
                        counts,
                        misses,
                        show,
                        "type",
                        expected,
                        "type",
                        suite,
                        r,
                        name,
                        (v, s) -> v.isNull() ? null : v.asText(),
                        SuiteVocabulary.type(suite, r));
                compare(
                        counts,
                        misses,
                        show,
                        "title",
                        expected,
                        "title",
                        suite,
                        r,
                        name,
                        (v, s) -> v.isNull() ? null : SuiteVocabulary.words(v.asText()),
                        SuiteVocabulary.title(suite, r));
                compare(
                        counts,
                        misses,
                        show,
                        "year",
                        expected,
                        "year",
                        suite,
                        r,
                        name,
                        (v, s) -> v.isNull() || v.asInt() == 0 ? null : String.valueOf(v.asInt()),
                        r.year() == null ? null : String.valueOf(r.year()));
                compare(
                        counts,
                        misses,
                        show,
                        "season",
                        expected,
                        "season",
                        suite,
                        r,
                        name,
                        (v, s) -> numbers(v),
                        r.seasons().isEmpty() ? null : r.seasons().toString());
                compare(
                        counts,
                        misses,
                        show,
                        "episode",
                        expected,
                        "episode",
                        suite,
                        r,
                        name,
                        (v, s) -> numbers(v),
                        r.episodes().isEmpty() ? null : r.episodes().toString());
                compare(
                        counts,
                        misses,
                        show,
                        "resolution",
                        expected,
                        "screen_size",
                        suite,
                        r,
                        name,
                        (v, s) -> v.isNull() ? null : SuiteVocabulary.expectedResolution(v.asText()),
                        SuiteVocabulary.resolution(suite, r));
                compare(
                        counts,
                        misses,
                        show,
                        "source",
                        expected,
                        "source",
                        suite,
                        r,
                        name,
                        (v, s) -> v.isNull() ? null : SuiteVocabulary.expectedSource(s, v.asText()),
                        SuiteVocabulary.source(suite, r));
                compare(
                        counts,
                        misses,
                        show,
                        "codec",
                        expected,
                        "video_codec",
                        suite,
                        r,
                        name,
                        (v, s) -> v.isNull() ? null : SuiteVocabulary.codecFamily(v.asText()),
                        SuiteVocabulary.codec(suite, r));
                // pr0pz infers its category from the name alone, so ours is measured without the section too.
                ParsedRelease byName = parser.parse(name);
                compare(
                        counts,
                        misses,
                        show,
                        "category",
                        expected,
                        "category",
                        suite,
                        byName,
                        name,
                        (v, s) -> v.isNull() ? null : SuiteVocabulary.expectedCategory(v.asText()),
                        byName.category().name());
                compare(
                        counts,
                        misses,
                        show,
                        "date",
                        expected,
                        "date",
                        suite,
                        r,
                        name,
                        (v, s) -> v.isNull() ? null : isoDate(v.asText()),
                        r.date() == null ? null : r.date().toString());
            }
        }
        System.out.println(table(rows, counts));
        misses.forEach(System.out::println);
        assertThat(rows).as("corpus rows").isGreaterThan(900);
        SoftAssertions soft = new SoftAssertions();
        for (Map.Entry<String, Double> target : TARGETS.entrySet()) {
            int[] c = counts.get(target.getKey());
            soft.assertThat((double) c[1] / c[0])
                    .as("%s accuracy (%d/%d)", target.getKey(), c[1], c[0])
                    .isGreaterThanOrEqualTo(target.getValue());
        }
        soft.assertAll();
    }

    private static void compare(
            Map<String, int[]> counts,
            List<String> misses,
            String show,
            String field,
            JsonNode expected,
            String key,
            String suite,
            ParsedRelease r,
            String name,
            BiFunction<JsonNode, String, String> expectedValue,
            String actual) {
        if (!expected.has(key)) {
            return;
        }
        String want = expectedValue.apply(expected.get(key), suite);
        int[] c = counts.get(field);
        c[0]++;
        if (Objects.equals(want, actual)) {
            c[1]++;
        } else if (show.equals(field) || show.equals("all")) {
            misses.add(String.format("MISS %-10s %-10s want=%-28s got=%-28s %s", field, suite, want, actual, name));
        }
    }

    /** An int, a list of ints or a range string ({@code 01-02}) as a list literal. */
    private static String numbers(JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        List<Integer> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(x -> out.add(x.asInt()));
        } else if (v.isTextual() && v.asText().contains("-")) {
            String[] parts = v.asText().split("-");
            for (int i = Integer.parseInt(parts[0]); i <= Integer.parseInt(parts[1]); i++) {
                out.add(i);
            }
        } else {
            out.add(v.asInt());
        }
        return out.toString();
    }

    /** pr0pz prints dates as {@code dd.MM.yyyy}; the others use ISO. */
    private static String isoDate(String v) {
        if (v.matches("\\d{2}\\.\\d{2}\\.\\d{4}")) {
            return v.substring(6) + "-" + v.substring(3, 5) + "-" + v.substring(0, 2);
        }
        return v;
    }

    private static String table(int rows, Map<String, int[]> counts) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%nRelease-name corpus: %d names%n", rows));
        sb.append(String.format(
                "| %-10s | %6s | %7s | %8s | %6s |%n", "field", "stated", "correct", "accuracy", "target"));
        sb.append("|------------|--------|---------|----------|--------|\n");
        counts.forEach((field, c) -> sb.append(String.format(
                "| %-10s | %6d | %7d | %7.1f%% | %6s |%n",
                field,
                c[0],
                c[1],
                c[0] == 0 ? 0.0 : 100.0 * c[1] / c[0],
                TARGETS.containsKey(field) ? String.format("%.0f%%", 100 * TARGETS.get(field)) : "-")));
        return sb.toString();
    }
}
