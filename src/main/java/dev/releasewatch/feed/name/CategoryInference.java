package dev.releasewatch.feed.name;

/** Infers the {@link Category} of a release from its name, for feeds that give no usable section. */
final class CategoryInference {

    private CategoryInference() {}

    /**
     * @param tn           the classified name
     * @param type         the release type read from the name
     * @param content      the non-video content detected, or {@code null}
     * @param titleStart   index of the first title word
     * @param fansubStyle  whether the name follows fansub conventions (group in leading brackets, none at the end)
     * @return the category
     */
    static Category infer(
            TokenizedName tn,
            ReleaseType type,
            ContentClassifier.Content content,
            int titleStart,
            boolean fansubStyle) {
        if (content != null) {
            return switch (content) {
                case MUSIC -> Category.MUSIC;
                case MUSIC_VIDEO -> Category.MVID;
                case EBOOK -> Category.EBOOK;
                case AUDIOBOOK -> Category.ABOOK;
                case GAME -> Category.GAME;
                case SOFTWARE -> Category.APP;
            };
        }
        if (has(tn, TokenKind.XXX)) {
            return Category.XXX;
        }
        if (type == ReleaseType.OTHER) {
            return Category.OTHER;
        }
        if (has(tn, TokenKind.ANIME) || fansubStyle && type == ReleaseType.EPISODE) {
            return Category.ANIME;
        }
        if (league(tn, titleStart)) {
            return Category.SPORT;
        }
        return type == ReleaseType.EPISODE ? Category.TV : Category.MOVIE;
    }

    /** The release type a section's category implies, for names that state nothing themselves. */
    static ReleaseType typeOf(Category category) {
        return switch (category) {
            case MUSIC, MVID -> ReleaseType.MUSIC;
            case GAME -> ReleaseType.GAME;
            case APP -> ReleaseType.SOFTWARE;
            case EBOOK, ABOOK -> ReleaseType.EBOOK;
            default -> ReleaseType.OTHER;
        };
    }

    private static boolean league(TokenizedName tn, int titleStart) {
        if (titleStart >= tn.count) {
            return false;
        }
        if (ContentTokens.isLeague(tn.lower(titleStart))) {
            return true;
        }
        return titleStart + 1 < tn.count
                && ContentTokens.isLeague(tn.lower(titleStart) + "." + tn.lower(titleStart + 1));
    }

    private static boolean has(TokenizedName tn, TokenKind kind) {
        for (int i = 0; i < tn.count; i++) {
            if (tn.is(i, kind)) {
                return true;
            }
        }
        return false;
    }
}
