package dev.releasewatch.feed;

import java.util.Locale;
import java.util.Set;

import dev.releasewatch.feed.name.ReleaseNameParser;

/**
 * Classifies a release by the feed's section, normalised through the {@link Categories} alias table; when
 * the feed gives no section or a generic one (e.g. {@code PRE}, {@code TV}), by the category the
 * {@link ReleaseNameParser} infers from the name. The group is the suffix of the name ({@link GroupName}).
 *
 * <p>The parser runs only for releases without a usable section: it costs a few microseconds a name, which
 * would be a large share of the per-record budget if every release paid it.
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

    private final Categories categories;
    private final ReleaseNameParser parser = new ReleaseNameParser();

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
        String fromSection = categories.categoryOf(section);
        if (!isGeneric(fromSection)) {
            return fromSection;
        }
        String inferred = NameInferredSection.of(parser.parse(name));
        return inferred.equals(Categories.UNKNOWN) ? fromSection : categories.categoryOf(inferred);
    }

    @Override
    public String categoryOrigin(String section) {
        return isGeneric(categories.categoryOf(section)) ? ORIGIN_NAME : ORIGIN_SECTION;
    }

    @Override
    public String group(String name) {
        return GroupName.of(name);
    }

    private static boolean isGeneric(String category) {
        return GENERIC.contains(category.toUpperCase(Locale.ROOT));
    }
}
