package dev.releasewatch.feed.name;

import java.util.regex.Pattern;

/**
 * Recognises releases that are not movies or TV from the words they carry: music, e-books, audiobooks, games
 * and software. This runs before the title is located because these names follow other conventions
 * ({@code Artist-Title-WEB-2023-GROUP}, {@code Product.v1.2.3-GROUP}).
 */
final class ContentClassifier {

    /** What a non-video name is. */
    enum Content {
        MUSIC,
        MUSIC_VIDEO,
        EBOOK,
        AUDIOBOOK,
        GAME,
        SOFTWARE
    }

    /** Scene music ends with {@code -YEAR-GROUP}; video names end with a technical word before the group. */
    private static final Pattern MUSIC_ENDING = Pattern.compile("[-_]\\(?(?:19|20)\\d\\d\\)?-[^-.\\s]{1,40}$");

    private ContentClassifier() {}

    /**
     * @return the content, or {@code null} for video (movie, episode) and unrecognised names
     */
    static Content detect(TokenizedName tn, int first) {
        boolean video = false;
        boolean music = false;
        boolean ebook = false;
        boolean audiobook = false;
        boolean platform = false;
        boolean software = false;
        boolean version = false;
        boolean musicSource = false;
        for (int i = first; i < tn.count; i++) {
            Tag tag = tn.tags[i];
            if (tag == null) {
                continue;
            }
            switch (tag.kind()) {
                case RESOLUTION, CODEC, EPISODE -> video = true;
                case SOURCE -> {
                    if (tag.value().equals("CD") || tag.value().equals("VINYL")) {
                        musicSource = true;
                    } else if (!tag.weak() && !tag.value().equals("DVB")) {
                        video = true;
                    }
                }
                case MUSIC -> music |= !tag.weak();
                case EBOOK -> ebook |= !tag.weak();
                case AUDIOBOOK -> audiobook = true;
                case PLATFORM -> platform |= !tag.weak();
                case SOFTWARE -> software |= !tag.weak();
                case VERSION -> version = true;
                default -> {}
            }
        }
        if (audiobook) {
            return Content.AUDIOBOOK;
        }
        boolean musicEnding = MUSIC_ENDING.matcher(tn.name).find();
        if (musicEnding || (music || musicSource) && !video && !ebook && !platform) {
            return video ? Content.MUSIC_VIDEO : Content.MUSIC;
        }
        if (ebook) {
            return Content.EBOOK;
        }
        if (platform) {
            return Content.GAME;
        }
        if ((version || software) && !video) {
            return Content.SOFTWARE;
        }
        return null;
    }
}
