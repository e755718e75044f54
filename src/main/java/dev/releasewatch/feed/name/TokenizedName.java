package dev.releasewatch.feed.name;

import java.util.List;

/**
 * A release name split into words, with what each word was recognised as. The stages of
 * {@link ReleaseNameParser} read and refine the tags in order (vocabulary, dates, episodes, years).
 */
final class TokenizedName {

    final String name;
    final Token[] tokens;
    final Tag[] tags;
    /** Number of words that belong to the name proper; a trailing file extension is left out. */
    int count;

    TokenizedName(String name, List<Token> tokens) {
        this.name = name;
        this.tokens = tokens.toArray(new Token[0]);
        this.tags = new Tag[this.tokens.length];
        this.count = this.tokens.length;
    }

    Token token(int i) {
        return tokens[i];
    }

    String lower(int i) {
        return tokens[i].lower();
    }

    Tag tag(int i) {
        return tags[i];
    }

    TokenKind kind(int i) {
        Tag t = tags[i];
        return t == null ? null : t.kind();
    }

    boolean is(int i, TokenKind kind) {
        return i >= 0 && i < count && tags[i] != null && tags[i].kind() == kind;
    }

    boolean untagged(int i) {
        return tags[i] == null;
    }

    /** @return whether words {@code i} and {@code i + 1} are separated by exactly one simple separator or nothing */
    boolean adjacent(int i) {
        if (i + 1 >= count) {
            return false;
        }
        int gap = tokens[i + 1].start() - tokens[i].end();
        if (gap == 0) {
            return true;
        }
        if (gap != 1) {
            return false;
        }
        char c = name.charAt(tokens[i].end());
        return c == '.' || c == '-' || c == '_' || c == ' ';
    }
}
