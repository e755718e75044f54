package dev.releasewatch.feed;

import java.util.Locale;
import java.util.Set;

/**
 * The releasing group of a scene name: the suffix after the last {@code -}
 * ({@code Some.Movie.2020.1080p.BluRay.x264-SPARKS} → {@code SPARKS}).
 *
 * <p>Before taking the suffix, trailing decorations that indexers and P2P sites add are removed: bracketed tags
 * ({@code -GROUP[rarbg]}) and a known file extension ({@code -GROUP.mkv}). Only known extensions are stripped, because
 * group names themselves may contain a dot-free suffix that looks like one (there is no group called {@code MKV}, but
 * guessing every {@code .xyz} would mangle names like {@code -DiAMOND.XS}). The group's case is kept: scene groups
 * write their names in fixed mixed case ({@code iNTENSiON}), and two spellings are two groups. Deeper parsing comes
 * with the release-name parser (issue 4).
 */
public final class GroupName {

    /** Group of a name with no dash, or nothing after it. */
    public static final String NOGROUP = "NOGROUP";

    private static final Set<String> FILE_EXTENSIONS = Set.of(
            "mkv", "mp4", "avi", "m4v", "ts", "wmv", "mpg", "mpeg", "iso", "rar", "zip", "7z", "nfo", "sfv", "srt",
            "nzb", "torrent", "epub", "pdf", "mobi", "azw3", "mp3", "flac", "m4a", "m4b");

    private GroupName() {}

    /**
     * The group of a release name.
     *
     * @param name the release name; may be null
     * @return the group, or {@link #NOGROUP}
     */
    public static String of(final String name) {
        if (name == null) {
            return NOGROUP;
        }
        String rest = name.strip();
        while (rest.endsWith("]") && rest.lastIndexOf('[') > 0) {
            rest = rest.substring(0, rest.lastIndexOf('[')).stripTrailing();
        }
        final int dot = rest.lastIndexOf('.');
        if (dot > rest.lastIndexOf('-')
                && FILE_EXTENSIONS.contains(rest.substring(dot + 1).toLowerCase(Locale.ROOT))) {
            rest = rest.substring(0, dot);
        }
        final int dash = rest.lastIndexOf('-');
        if (dash < 0) {
            return NOGROUP;
        }
        final String group = rest.substring(dash + 1).strip();
        return group.isEmpty() ? NOGROUP : group;
    }
}
