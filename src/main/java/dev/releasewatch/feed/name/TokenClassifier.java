package dev.releasewatch.feed.name;

/**
 * Tags every word of a name with the vocabulary it belongs to, joining adjacent words that form one term
 * ({@code WEB-DL}, {@code H.264}, {@code DTS-HD.MA}, {@code 5.1}, {@code v1.0.2}).
 */
final class TokenClassifier {

    private TokenClassifier() {}

    static void classify(TokenizedName tn) {
        dropExtension(tn);
        int n = tn.count;
        for (int i = 0; i < n; i++) {
            if (tn.tags[i] != null) {
                continue;
            }
            int joined = compound(tn, i);
            if (joined > 0) {
                i += joined - 1;
                continue;
            }
            Token t = tn.token(i);
            Tag tag = single(t);
            if (tag == null && isVersion(t.lower())) {
                tag = Tag.strong(TokenKind.VERSION, t.text());
                tn.tags[i] = tag;
                while (i + 1 < n
                        && tn.token(i + 1).sepBefore() == '.'
                        && tn.adjacent(i)
                        && tn.token(i + 1).isNumber()) {
                    tn.tags[++i] = tag;
                }
                continue;
            }
            tn.tags[i] = tag;
        }
        channels(tn);
    }

    /** A trailing {@code .mkv}, {@code .nzb}, {@code .torrent} is not part of the release name. */
    private static void dropExtension(TokenizedName tn) {
        int last = tn.count - 1;
        if (last >= 1) {
            Token t = tn.token(last);
            if (t.sepBefore() == '.'
                    && t.closer() == 0
                    && QualityTokens.isExtension(t.lower())
                    && t.end() == tn.name.length()) {
                tn.tags[last] = Tag.strong(TokenKind.EXTENSION, t.lower());
                tn.count = last;
            }
        }
    }

    private static Tag single(Token t) {
        String w = t.lower();
        Tag tag = QualityTokens.word(w);
        if (tag == null) {
            tag = ReleaseFlags.word(w);
        }
        if (tag == null) {
            tag = LanguageTokens.word(w);
        }
        if (tag == null) {
            tag = ContentTokens.word(w);
        }
        if (tag == null && t.opener() != 0 && w.length() == 8 && isHex(w)) {
            tag = Tag.strong(TokenKind.CHECKSUM, w);
        }
        return tag;
    }

    /** @return how many words starting at {@code i} form one compound term (2 or 3), or 0 */
    private static int compound(TokenizedName tn, int i) {
        if (!QualityTokens.startsCompound(tn.lower(i)) || !tn.adjacent(i)) {
            return 0;
        }
        String two = tn.lower(i) + tn.lower(i + 1);
        if (tn.adjacent(i + 1) && tn.tags[i + 2] == null) {
            String three = two + tn.lower(i + 2);
            Tag tag = compoundTag(three);
            if (tag != null) {
                tn.tags[i] = tag;
                tn.tags[i + 1] = tag;
                tn.tags[i + 2] = tag;
                return 3;
            }
        }
        if (tn.tags[i + 1] != null) {
            return 0;
        }
        Tag tag = compoundTag(two);
        if (tag != null) {
            tn.tags[i] = tag;
            tn.tags[i + 1] = tag;
            return 2;
        }
        return 0;
    }

    private static Tag compoundTag(String joined) {
        if (joined.length() > 12) {
            return null;
        }
        Tag tag = QualityTokens.compound(joined);
        if (tag == null) {
            tag = ReleaseFlags.compound(joined);
        }
        if (tag == null) {
            tag = LanguageTokens.compound(joined);
        }
        return tag;
    }

    /** {@code 5.1}, {@code 2.0} and the {@code .0} of {@code AAC2.0} belong to the audio word before them. */
    private static void channels(TokenizedName tn) {
        for (int i = 1; i < tn.count; i++) {
            if (tn.tags[i] != null || !tn.is(i - 1, TokenKind.AUDIO) && !tn.is(i - 1, TokenKind.MUSIC)) {
                continue;
            }
            Token t = tn.token(i);
            if (!t.isNumber() || t.text().length() != 1) {
                continue;
            }
            String prev = tn.token(i - 1).text();
            boolean prevEndsInDigit = Character.isDigit(prev.charAt(prev.length() - 1));
            if (prevEndsInDigit && t.sepBefore() == '.') {
                tn.tags[i] = Tag.strong(TokenKind.AUDIO, prev + "." + t.text());
            } else if (i + 1 < tn.count
                    && tn.tags[i + 1] == null
                    && tn.token(i + 1).sepBefore() == '.'
                    && tn.token(i + 1).text().length() == 1
                    && tn.token(i + 1).isNumber()) {
                Tag tag = Tag.strong(
                        TokenKind.AUDIO, t.text() + "." + tn.token(i + 1).text());
                tn.tags[i] = tag;
                tn.tags[++i] = tag;
            }
        }
    }

    private static boolean isVersion(String w) {
        return w.length() >= 2 && w.length() <= 8 && w.charAt(0) == 'v' && Token.digitsOnly(w.substring(1));
    }

    private static boolean isHex(String w) {
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
