package dev.releasewatch.feed.name;

/**
 * The coarse category a release is counted under.
 *
 * <p>Feeds spell sections a hundred ways ({@code TV-X264}, {@code tv-hd}, {@code TV-DE}, ...); counting per
 * raw spelling splits one stream of TV releases into many thin series. This enum is the small, stable set that
 * both feed sections (see {@link SectionCategories}) and names (when the section says nothing) are mapped to.
 */
public enum Category {
    /** Movies in any video format. */
    MOVIE,
    /** TV episodes and season packs. */
    TV,
    /** Anime, fansubs and OVAs. */
    ANIME,
    /** Sports broadcasts. */
    SPORT,
    /** Music releases (MP3, FLAC, ...). */
    MUSIC,
    /** Music videos and concerts ({@code MVID}, {@code MDVDR}). */
    MVID,
    /** PC and console games. */
    GAME,
    /** Applications ({@code APPS}, {@code 0DAY}, mobile). */
    APP,
    /** E-books, magazines, comics and courseware. */
    EBOOK,
    /** Audiobooks. */
    ABOOK,
    /** Adult content. */
    XXX,
    /** None of the above. */
    OTHER
}
