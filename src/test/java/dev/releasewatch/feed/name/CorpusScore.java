package dev.releasewatch.feed.name;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Per-field accuracy of the parser on one part of the shared release-name corpus ({@link CorpusSplit}), counted on
 * the names where the corpus states the field (a statement that a field is absent counts too), after mapping our
 * values into each suite's vocabulary ({@link SuiteVocabulary}).
 *
 * <p>Misses are listed only for the {@link CorpusSplit.Part#TUNING tuning} part: the held-back part is meant to be
 * seen as totals only, so that no rule is chosen by looking at its names. The corpus is third-party data and is read
 * in place; nothing of it is copied into the repository.
 *
 * <p>Also runnable (not a test), after {@code ./mvnw test-compile}:
 * {@code java -cp target/classes:target/test-classes:<jackson jars> dev.releasewatch.feed.name.CorpusScore [FIELD|all]}
 * prints the tuning table and the tuning misses of a field; {@code --held-back} prints the held-back totals.
 */
final class CorpusScore {

    /** The scored fields with their targets, in table order. */
    static final Map<String, Double> TARGETS = new LinkedHashMap<>();

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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReleaseNameParser PARSER = new ReleaseNameParser();

    /** Stated and correct counts per field, in table order; {@code date} and {@code category} are informative. */
    final Map<String, int[]> counts = new LinkedHashMap<>();
    /** Misses of the requested field, tuning part only. */
    final List<String> misses = new ArrayList<>();

    final CorpusSplit.Part part;
    int rows;

    private CorpusScore(CorpusSplit.Part part) {
        this.part = part;
        for (String field : TARGETS.keySet()) {
            counts.put(field, new int[2]);
        }
        counts.put("date", new int[2]);
        counts.put("category", new int[2]);
    }

    /**
     * The corpus file, or an {@link AssertionError} naming the path when it is absent: an evaluation never skips.
     *
     * @return the path of {@code corpus.jsonl}
     */
    static Path corpusFile() {
        Path corpus = SharedData.releaseNames().resolve("corpus.jsonl");
        if (!Files.isRegularFile(corpus)) {
            throw new AssertionError("release-name corpus not found at " + corpus.toAbsolutePath()
                    + " (set -Dreleasewatch.shared.data to the shared data directory)");
        }
        return corpus;
    }

    /**
     * @param part       which part of the corpus to score
     * @param showMisses a field name, {@code all}, or {@code ""}; ignored for the held-back part
     * @return the counts of that part
     */
    static CorpusScore measure(CorpusSplit.Part part, String showMisses) {
        CorpusScore score = new CorpusScore(part);
        String show = part == CorpusSplit.Part.TUNING ? showMisses : "";
        try (BufferedReader in = Files.newBufferedReader(corpusFile(), StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = JSON.readTree(line);
                String name = row.get("name").asText();
                if (CorpusSplit.part(name) == part) {
                    score.rows++;
                    score.score(row, name, show);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return score;
    }

    private void score(JsonNode row, String name, String show) {
        String section = row.hasNonNull("section") ? row.get("section").asText() : null;
        String suite = SuiteVocabulary.suite(row.get("source").asText());
        JsonNode expected = row.get("expected");
        ParsedRelease r = PARSER.parse(name, section);
        Scorer s = new Scorer(expected, suite, name, show);
        s.compare(
                "group", "group", v -> SuiteVocabulary.group(suite, text(v)), SuiteVocabulary.group(suite, r.group()));
        s.compare("type", "type", CorpusScore::text, SuiteVocabulary.type(suite, r));
        s.compare(
                "title",
                "title",
                v -> v.isNull() ? null : SuiteVocabulary.words(v.asText()),
                SuiteVocabulary.title(suite, r));
        s.compare(
                "year",
                "year",
                v -> v.isNull() || v.asInt() == 0 ? null : String.valueOf(v.asInt()),
                r.year() == null ? null : String.valueOf(r.year()));
        s.compare(
                "season",
                "season",
                CorpusScore::numbers,
                r.seasons().isEmpty() ? null : r.seasons().toString());
        s.compare(
                "episode",
                "episode",
                CorpusScore::numbers,
                r.episodes().isEmpty() ? null : r.episodes().toString());
        s.compare(
                "resolution",
                "screen_size",
                v -> v.isNull() ? null : SuiteVocabulary.expectedResolution(v.asText()),
                SuiteVocabulary.resolution(suite, r));
        s.compare(
                "source",
                "source",
                v -> v.isNull() ? null : SuiteVocabulary.expectedSource(suite, v.asText()),
                SuiteVocabulary.source(suite, r));
        s.compare(
                "codec",
                "video_codec",
                v -> v.isNull() ? null : SuiteVocabulary.codecFamily(v.asText()),
                SuiteVocabulary.codec(suite, r));
        // pr0pz infers its category from the name alone, so ours is measured without the section too.
        ParsedRelease byName = PARSER.parse(name);
        s.compare(
                "category",
                "category",
                v -> v.isNull() ? null : SuiteVocabulary.expectedCategory(v.asText()),
                byName.category().name());
        s.compare(
                "date",
                "date",
                v -> v.isNull() ? null : isoDate(v.asText()),
                r.date() == null ? null : r.date().toString());
    }

    /** Compares one field of one row. */
    private final class Scorer {
        private final JsonNode expected;
        private final String suite;
        private final String name;
        private final String show;

        Scorer(JsonNode expected, String suite, String name, String show) {
            this.expected = expected;
            this.suite = suite;
            this.name = name;
            this.show = show;
        }

        void compare(String field, String key, Function<JsonNode, String> expectedValue, String actual) {
            if (!expected.has(key)) {
                return;
            }
            String want = expectedValue.apply(expected.get(key));
            int[] c = counts.get(field);
            c[0]++;
            if (Objects.equals(want, actual)) {
                c[1]++;
            } else if (show.equals(field) || show.equals("all")) {
                misses.add(String.format("MISS %-10s %-10s want=%-28s got=%-28s %s", field, suite, want, actual, name));
            }
        }
    }

    /** @return correct / stated of a field, 0 when the field is never stated */
    double accuracy(String field) {
        int[] c = counts.get(field);
        return c[0] == 0 ? 0.0 : (double) c[1] / c[0];
    }

    private static String text(JsonNode v) {
        return v.isNull() ? null : v.asText();
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

    /**
     * @param floors the asserted floor per field, may be empty
     * @return the table of this part, Markdown
     */
    String table(Map<String, Double> floors) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%nRelease-name corpus, %s part: %d names%n", part, rows));
        sb.append(String.format(
                "| %-10s | %6s | %7s | %8s | %6s | %6s |%n",
                "field", "stated", "correct", "accuracy", "floor", "target"));
        sb.append("|------------|--------|---------|----------|--------|--------|\n");
        counts.forEach((field, c) -> sb.append(String.format(
                "| %-10s | %6d | %7d | %7.1f%% | %6s | %6s |%n",
                field,
                c[0],
                c[1],
                c[0] == 0 ? 0.0 : 100.0 * c[1] / c[0],
                floors.containsKey(field) ? String.format("%.1f%%", 100 * floors.get(field)) : "-",
                TARGETS.containsKey(field) ? String.format("%.0f%%", 100 * TARGETS.get(field)) : "-")));
        return sb.toString();
    }

    /**
     * Prints the tuning part's table and its misses of one field ({@code all} for every field); with
     * {@code --held-back}, the held-back part's table only.
     *
     * @param args {@code [FIELD|all|--held-back]}
     */
    public static void main(String[] args) {
        String arg = args.length > 0 ? args[0] : "";
        if (arg.equals("--held-back")) {
            System.out.println(measure(CorpusSplit.Part.HELD_BACK, "").table(Map.of()));
            return;
        }
        CorpusScore tuning = measure(CorpusSplit.Part.TUNING, arg);
        System.out.println(tuning.table(Map.of()));
        tuning.misses.forEach(System.out::println);
    }
}
