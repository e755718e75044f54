package dev.releasewatch.feed.name;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a feed's section ({@code TV-X264}, {@code mp3}, {@code PS3}) to a {@link Category}, from the table in
 * {@code section-categories.txt} next to this class.
 *
 * <p>The table lives in a resource rather than in code because sections are the part of the vocabulary that
 * changes with each new feed; adding one should not need a Java change.
 */
final class SectionCategories {

    private static final String RESOURCE = "section-categories.txt";
    private static final Map<String, Category> EXACT = new HashMap<>();
    private static final Map<String, Boolean> GENERIC_EXACT = new HashMap<>();
    /** Prefix rules, longest first. */
    private static final List<PrefixRule> PREFIXES = new ArrayList<>();

    /** A {@code PREFIX*} line; a {@code null} category marks a generic prefix. */
    private record PrefixRule(String prefix, Category category) {}

    static {
        load();
        PREFIXES.sort((a, b) -> Integer.compare(b.prefix().length(), a.prefix().length()));
    }

    private SectionCategories() {}

    /**
     * @param section the feed's section as announced, or {@code null}
     * @return the category it names, or {@code null} when it is absent, generic or unknown
     */
    static Category lookup(String section) {
        if (section == null) {
            return null;
        }
        String key = normalise(section);
        if (key.isEmpty() || key.length() > 40) {
            return null;
        }
        if (GENERIC_EXACT.containsKey(key)) {
            return null;
        }
        Category exact = EXACT.get(key);
        if (exact != null) {
            return exact;
        }
        for (PrefixRule rule : PREFIXES) {
            if (key.startsWith(rule.prefix())) {
                return rule.category();
            }
        }
        return null;
    }

    static String normalise(String section) {
        return section.strip().toUpperCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
    }

    private static void load() {
        try (InputStream in = SectionCategories.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+");
                String pattern = parts[0];
                Category category = parts[1].equals("GENERIC") ? null : Category.valueOf(parts[1]);
                if (pattern.endsWith("*") && pattern.length() > 1) {
                    PREFIXES.add(new PrefixRule(pattern.substring(0, pattern.length() - 1), category));
                } else if (category == null) {
                    GENERIC_EXACT.put(pattern, Boolean.TRUE);
                } else {
                    EXACT.put(pattern, category);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
