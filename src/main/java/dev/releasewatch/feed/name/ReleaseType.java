package dev.releasewatch.feed.name;

import java.util.Locale;

/** What kind of release a name describes. */
public enum ReleaseType {
    /** A feature film, documentary or other single video. */
    MOVIE,
    /** A TV episode, several episodes, a season pack or a daily show. */
    EPISODE,
    /** An album, single, mix or music video. */
    MUSIC,
    /** A game for a PC or a console. */
    GAME,
    /** An application, plug-in or other software. */
    SOFTWARE,
    /** An e-book, magazine or comic. */
    EBOOK,
    /** Anything the name does not identify, including garbage. */
    OTHER;

    /** @return the lower-case label used in JSON output, e.g. {@code episode} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
