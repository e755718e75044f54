package dev.releasewatch.feed.name;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a release name into words at the separators scene and P2P names use ({@code . _ - space}, brackets,
 * commas, {@code +}, {@code &}).
 *
 * <p>Hyphens split too, but each word remembers whether a lone hyphen joined it to the previous one, so that
 * {@code WEB-DL}, {@code X-Men} and {@code x264-GROUP} can be put back together by the later stages.
 * A few words that release names glue together ({@code HDTVx264}, {@code SeriesS06E11}) are split here.
 */
final class Tokenizer {

    /**
     * Source glued to codec or resolution: {@code HDTVx264}, {@code Bluray720p}, {@code WEB-DLx264} (the hyphen has
     * already split off WEB).
     */
    private static final Pattern GLUED_SOURCE_CODEC = Pattern.compile(
            "(?i)(hdtv|pdtv|webrip|webdl|dl|bluray|dvdrip|bdrip|brrip|hdrip)(x264|x265|xvid|h264|h265|\\d{3,4}p)");
    /** Title glued to an episode marker: {@code SeriesS06E11}, {@code Castle1x01}. */
    private static final Pattern GLUED_EPISODE =
            Pattern.compile("(?i)([\\p{L}']{3,}?)(s\\d{1,2}e\\d{1,3}|\\d{1,2}x\\d{2,3})");

    private Tokenizer() {}

    static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>(24);
        int n = s.length();
        int i = 0;
        while (i < n) {
            int sepStart = i;
            while (i < n && isSeparator(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int wordStart = i;
            while (i < n && !isSeparator(s.charAt(i))) {
                i++;
            }
            int runLength = wordStart - sepStart;
            boolean hyphenJoined = runLength == 1 && s.charAt(sepStart) == '-';
            boolean dashBreak = runLength > 1
                    && s.indexOf('-', sepStart) >= 0
                    && s.indexOf('-', sepStart) < wordStart
                    && !(runLength >= 3 && onlyHyphens(s, sepStart, wordStart));
            char last = runLength == 0 ? 0 : s.charAt(wordStart - 1);
            char opener = last == '[' || last == '(' ? last : 0;
            char next = i < n ? s.charAt(i) : 0;
            char closer = next == ']' || next == ')' ? next : 0;
            char sepBefore = runLength == 0 ? 0 : last;
            addWord(out, s, wordStart, i, hyphenJoined, dashBreak, opener, closer, sepBefore);
        }
        return out;
    }

    private static void addWord(
            List<Token> out,
            String s,
            int start,
            int end,
            boolean hyphenJoined,
            boolean dashBreak,
            char opener,
            char closer,
            char sepBefore) {
        String text = s.substring(start, end);
        if (text.length() >= 5 && isLetter(text.charAt(0)) && isLetter(text.charAt(1)) && hasDigit(text)) {
            Matcher m = GLUED_SOURCE_CODEC.matcher(text);
            if (!m.matches()) {
                m = GLUED_EPISODE.matcher(text);
            }
            if (m.matches()) {
                int cut = start + m.end(1);
                out.add(token(s, start, cut, hyphenJoined, dashBreak, opener, (char) 0, sepBefore));
                out.add(token(s, cut, end, false, false, (char) 0, closer, (char) 0));
                return;
            }
        }
        out.add(new Token(
                text, text.toLowerCase(Locale.ROOT), start, end, hyphenJoined, dashBreak, opener, closer, sepBefore));
    }

    private static Token token(
            String s,
            int start,
            int end,
            boolean hyphenJoined,
            boolean dashBreak,
            char opener,
            char closer,
            char sepBefore) {
        String text = s.substring(start, end);
        return new Token(
                text, text.toLowerCase(Locale.ROOT), start, end, hyphenJoined, dashBreak, opener, closer, sepBefore);
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean onlyHyphens(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    static boolean isSeparator(char c) {
        switch (c) {
            case '.',
                    '_',
                    ' ',
                    '-',
                    '[',
                    ']',
                    '(',
                    ')',
                    '{',
                    '}',
                    ',',
                    '+',
                    '&',
                    '/',
                    '\\',
                    ':',
                    ';',
                    '"',
                    '|',
                    '*',
                    '~',
                    '?',
                    '<',
                    '>',
                    '\t',
                    '\n',
                    '\r',
                    '\u3000' -> {
                return true;
            }
            default -> {
                return Character.isWhitespace(c) || Character.isISOControl(c);
            }
        }
    }
}
