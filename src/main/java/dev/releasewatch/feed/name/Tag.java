package dev.releasewatch.feed.name;

/**
 * What one word was recognised as.
 *
 * @param kind  the kind of word
 * @param value the normalised value, e.g. {@code WEB-DL} for {@code webdl}; may be {@code null} for markers
 * @param weak  whether the word is also an ordinary title word ({@code Real}, {@code Line}, {@code German},
 *              {@code DC}); a weak word ends a title only when a non-weak tag follows it
 */
record Tag(TokenKind kind, String value, boolean weak) {

    static Tag strong(TokenKind kind, String value) {
        return new Tag(kind, value, false);
    }

    static Tag weak(TokenKind kind, String value) {
        return new Tag(kind, value, true);
    }

    /** @return whether the word is a year, episode or date marker */
    boolean isMarker() {
        return kind == TokenKind.YEAR || kind == TokenKind.EPISODE || kind == TokenKind.DATE;
    }
}
