package dev.releasewatch.feed;

/**
 * Classifies a release by the feed's section (normalised through the {@link Categories} alias table) and
 * the group suffix of its name ({@link GroupName}).
 */
public final class SectionClassifier implements ReleaseClassifier {

    private final Categories categories;

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
        return categories.categoryOf(section);
    }

    @Override
    public String group(String name) {
        return GroupName.of(name);
    }
}
