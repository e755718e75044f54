package dev.releasewatch.feed.name;

/** Where the category of a {@link ParsedRelease} came from. */
public enum CategorySource {
    /** The feed's section named a specific category, and it was used as given. */
    SECTION,
    /** The section was absent, generic (such as {@code PRE}) or unknown, so the category was inferred from the name. */
    NAME
}
