package dev.releasewatch.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Maps a feed's section to the category the monitor counts: trimmed, upper-cased, then looked up in an alias table
 * ({@code TV-HD-X264} → {@code TV-X264}). A section not in the table is kept as it is (trimmed and upper-cased): an
 * unfamiliar section is still a real stream of releases and must be counted, never dropped. A null or blank section
 * becomes {@link #UNKNOWN}; the name parser (issue 4) will infer those later.
 *
 * <p>The default table is the resource {@value #RESOURCE} next to this class (documented there); deployments add or
 * override entries with {@link #withAliases(Map)}. Lookup is one level deep: an alias's target is not looked up
 * again, so a table cannot loop. Instances are immutable and thread-safe.
 */
public final class Categories {

    /** Category of records whose feed gives no section. */
    public static final String UNKNOWN = "UNKNOWN";
    /** Name of the default alias table, a properties resource in this package. */
    public static final String RESOURCE = "category-aliases.properties";

    private final Map<String, String> aliases;

    private Categories(final Map<String, String> aliases) {
        this.aliases = Map.copyOf(aliases);
    }

    /**
     * The default table from {@value #RESOURCE}.
     *
     * @return the shared default instance
     */
    public static Categories defaults() {
        return Defaults.INSTANCE;
    }

    /**
     * A mapper with exactly these aliases (keys and targets are normalised: trimmed and upper-cased).
     *
     * @param aliases section → category
     * @return the mapper
     * @throws IllegalArgumentException if a key or target is blank
     */
    public static Categories of(final Map<String, String> aliases) {
        final Map<String, String> normalised = new HashMap<>();
        aliases.forEach(
                (section, category) -> normalised.put(required(section, "section"), required(category, "category")));
        return new Categories(normalised);
    }

    /**
     * Reads an alias table in {@link Properties} format (ISO-8859-1 escapes are not needed: read as UTF-8).
     *
     * @param in the table; not closed
     * @return the mapper
     * @throws IOException if the stream fails
     */
    public static Categories load(final InputStream in) throws IOException {
        final Properties properties = new Properties();
        properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        final Map<String, String> table = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> table.put(key, properties.getProperty(key)));
        return of(table);
    }

    /**
     * A copy with more aliases; entries given here win over existing ones.
     *
     * @param extra section → category
     * @return the extended mapper
     */
    public Categories withAliases(final Map<String, String> extra) {
        final Map<String, String> merged = new HashMap<>(aliases);
        merged.putAll(of(extra).aliases);
        return new Categories(merged);
    }

    /**
     * The category a section counts under.
     *
     * @param section the section as the feed gives it; may be null
     * @return the category; never null
     */
    public String categoryOf(final String section) {
        if (section == null || section.isBlank()) {
            return UNKNOWN;
        }
        final String key = section.strip().toUpperCase(Locale.ROOT);
        return aliases.getOrDefault(key, key);
    }

    /** @return the alias table, section → category (unmodifiable) */
    public Map<String, String> aliases() {
        return aliases;
    }

    private static String required(final String text, final String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("blank " + what + " in category alias table");
        }
        return text.strip().toUpperCase(Locale.ROOT);
    }

    /** Holder so the resource is read once, on first use, and a broken jar fails loudly there. */
    private static final class Defaults {
        private static final Categories INSTANCE = loadDefaults();

        private static Categories loadDefaults() {
            try (InputStream in = Categories.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " missing from the classpath");
                }
                return load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + RESOURCE, e);
            }
        }
    }
}
