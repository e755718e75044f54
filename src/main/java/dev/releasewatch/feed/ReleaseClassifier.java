package dev.releasewatch.feed;

/**
 * How the topology turns an announcement into the subjects it counts: the category (from the feed's
 * section, or inferred from the name when the section is missing) and the release group.
 */
public interface ReleaseClassifier {

    /** The category of a release; never null (unknown sections are kept as they are, a missing one has a name). */
    String category(String section, String name);

    /** The release group of a release; never null. */
    String group(String name);
}
