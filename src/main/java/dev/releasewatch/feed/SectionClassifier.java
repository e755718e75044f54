package dev.releasewatch.feed;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.releasewatch.feed.name.ReleaseNameParser;

/**
 * Classifies a release by the feed's section, normalised through the {@link Categories} alias table; when
 * the feed gives no section or a generic one (e.g. {@code PRE}, {@code TV}), by the category the
 * {@link ReleaseNameParser} infers from the name. The group is the suffix of the name ({@link GroupName}).
 *
 * <p>The parser runs only for releases without a usable section: it costs a few microseconds a name, which
 * would be a large share of the per-record budget if every release paid it. What a section means (its category, or
 * that it is generic) is kept per section string, for the first {@value #MAX_CACHED_SECTIONS} sections seen (a feed
 * has a few dozen; more is a producer inventing them, and those are normalised each time).
 */
public final class SectionClassifier implements ReleaseClassifier {

    /** Sections that say nothing about the kind of release. */
    static final Set<String> GENERIC = Set.of(
            Categories.UNKNOWN,
            "PRE",
            "TV",
            "MOVIE",
            "MOVIES",
            "VIDEO",
            "VIDEOS",
            "MISC",
            "OTHER",
            "OTHERS",
            "NEW",
            "ALL",
            "GENERAL",
            "NONE",
            "NA",
            "N/A",
            "-");

    static final int MAX_CACHED_SECTIONS = 4096;

    /** Stands for a generic section in {@link #sections} (whose values are otherwise categories). */
    private static final String GENERIC_SECTION = new String("generic");

    private final Categories categories;
    private final ReleaseNameParser parser = new ReleaseNameParser();
    /** Section as announced → its category, or {@link #GENERIC_SECTION}; shared by the stream threads. */
    private final Map<String, String> sections = new ConcurrentHashMap<>();

    /** A classifier over the given alias table. */
    public SectionClassifier(Categories categories) {
        this.categories = categories;
    }

    /** A classifier over the built-in alias table. */
    public static SectionClassifier defaults() {
        return new SectionClassifier(Categories.defaults());
    }

    @Override
    public String category(String section, String name) {
        String fromSection = fromSection(section);
        if (fromSection != GENERIC_SECTION) {
            return fromSection;
        }
        String inferred = NameInferredSection.of(parser.parse(name));
        return inferred.equals(Categories.UNKNOWN) ? categories.categoryOf(section) : categories.categoryOf(inferred);
    }

    @Override
    public String categoryOrigin(String section) {
        return fromSection(section) == GENERIC_SECTION ? ORIGIN_NAME : ORIGIN_SECTION;
    }

    /** The category a section names, or {@link #GENERIC_SECTION} when it names none. */
    private String fromSection(String section) {
        String known = section == null ? null : sections.get(section);
        if (known != null) {
            return known;
        }
        String category = categories.categoryOf(section);
        String meaning = isGeneric(category) ? GENERIC_SECTION : category;
        if (section != null && sections.size() < MAX_CACHED_SECTIONS) {
            sections.put(section, meaning);
        }
        return meaning;
    }

    @Override
    public String group(String name) {
        return GroupName.of(name);
    }

    private static boolean isGeneric(String category) {
        return GENERIC.contains(category.toUpperCase(Locale.ROOT));
    }
}
