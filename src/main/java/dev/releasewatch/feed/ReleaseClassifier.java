package dev.releasewatch.feed;

/**
 * How the topology turns an announcement into the subjects it counts: the category (from the feed's
 * section, or inferred from the name when the section is missing) and the release group.
 */
public interface ReleaseClassifier {

    /** Category origin: the feed's section. */
    String ORIGIN_SECTION = "section";
    /** Category origin: inferred from the release name. */
    String ORIGIN_NAME = "name";

    /** The category of a release; never null (unknown sections are kept as they are, a missing one has a name). */
    String category(String section, String name);

    /**
     * Where {@link #category} takes the category from for this section: {@link #ORIGIN_SECTION} or {@link
     * #ORIGIN_NAME}.
     */
    default String categoryOrigin(String section) {
        return ORIGIN_SECTION;
    }

    /** The release group of a release; never null. */
    String group(String name);
}
