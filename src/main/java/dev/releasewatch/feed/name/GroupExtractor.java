package dev.releasewatch.feed.name;

import java.util.Locale;
import java.util.Set;

/**
 * Finds the release group.
 *
 * <p>The scene convention is {@code ...-GROUP} at the end, but real names add noise around it, and each piece
 * is removed before the group is read:
 * <ul>
 *   <li>tracker and site tags glued on: {@code -LOL[ettv]}, {@code -LOL[www.site.com]}, {@code .[tvu.org.ru]};</li>
 *   <li>usenet repost suffixes: {@code -GROUP-NZBgeek}, {@code -GROUP-Obfuscated}, {@code -GROUP-1};</li>
 *   <li>tags after the group: {@code -AFG.HebSubs}, {@code -2hd.eng} (as file extensions and languages).</li>
 * </ul>
 * The group is then everything after the last recognised technical word, so hyphenated groups survive
 * ({@code x264-MARINE-FORD}, {@code DTS.x264.D-Z0N3}). Groups after a dot ({@code 720p.YIFY}) are accepted only
 * right after a technical word and when short, because after an episode marker the same shape is an episode title.
 * Failing that, a fansub group in leading brackets ({@code [Doremi].Show.27}), a lower-case prefix
 * ({@code grp-title.2016.1080p}) or a bracketed word ({@code [HorribleSubs]}) is used.
 */
final class GroupExtractor {

    /** Usenet posters and indexers append these after the real group. */
    private static final Set<String> REPOST_SUFFIXES = Set.of(
            "nzbgeek",
            "obfuscated",
            "obfuscation",
            "postbot",
            "xpost",
            "rakuv",
            "rakuvus",
            "rakuvfinhel",
            "rakuv02",
            "whiterev",
            "buymore",
            "asrequested",
            "alternativetorequested",
            "z0ids3n",
            "chamele0n",
            "4p",
            "4planet",
            "repackpost",
            "sample",
            "pre",
            "gerov",
            "altezachen",
            "rp",
            "scrambled",
            "dirtyhippie",
            "nzbfinder");

    /**
     * Words that scene names of the extra files of a release carry after the group: {@code -GRP.proof},
     * {@code -GRP-sample}, {@code -GRP.nfo}, {@code -GRP_subs}. They are never the group themselves.
     */
    private static final Set<String> TRAILING_MARKERS = Set.of(
            "proof",
            "proofs",
            "sample",
            "samples",
            "nfo",
            "sfv",
            "subs",
            "sub",
            "subpack",
            "vobsubs",
            "idx",
            "srt",
            "cover",
            "covers",
            "screens",
            "screenshots",
            "jpg",
            "par2",
            "extras");

    /** Top-level domains of the sites and trackers that tag names ({@code [www.site.com]}, {@code [eztv.re]}). */
    private static final Set<String> SITE_DOMAINS = Set.of(
            "com", "org", "net", "ru", "to", "io", "info", "tv", "me", "cc", "ws", "biz", "xyz", "gov", "se", "nl",
            "de", "fr", "it", "es", "pl", "re", "li", "ch", "eu", "uk", "co");

    /**
     * The group found in leading brackets and the first word after them.
     *
     * @param group     the group, or {@code null}
     * @param firstWord index of the first word after leading brackets (groups, sites, tags)
     */
    record Leading(String group, int firstWord) {}

    private GroupExtractor() {}

    /** Reads {@code [Group]}, {@code [www.site.com]} and {@code [TAG]} brackets at the start of the name. */
    static Leading leading(TokenizedName tn) {
        String s = tn.name;
        int pos = 0;
        String group = null;
        int first = 0;
        while (pos < s.length() && s.charAt(pos) == '[') {
            int close = s.indexOf(']', pos);
            if (close < 0) {
                break;
            }
            String content = s.substring(pos + 1, close);
            int next = first;
            boolean allTagged = true;
            while (next < tn.count && tn.token(next).end() <= close) {
                allTagged &= tn.tags[next] != null;
                next++;
            }
            if (next == first) {
                pos = close + 1;
                continue;
            }
            if (group == null && !allTagged && !looksLikeSite(content)) {
                group = strip(content);
            }
            first = next;
            pos = close + 1;
            while (pos < s.length() && (Tokenizer.isSeparator(s.charAt(pos)) && s.charAt(pos) != '[')) {
                pos++;
            }
        }
        if (group != null && !valid(group)) {
            group = null; // [Some Tracker]: a group name has no spaces
        }
        return new Leading(group, Math.min(first, tn.count));
    }

    /**
     * Reads the {@code -GROUP} at the end of the name.
     *
     * @param firstWord the first word that may be read (words before it are leading brackets)
     * @return the group, or {@code null}
     */
    static String trailing(TokenizedName tn, int firstWord) {
        String s = tn.name;
        if (tn.count == 0) {
            return null;
        }
        int end = tn.token(tn.count - 1).end();
        while (end < s.length() && s.charAt(end) == ']') {
            end++;
        }
        end = trimRight(s, end);
        while (end > 0 && s.charAt(end - 1) == ']') {
            int open = s.lastIndexOf('[', end - 1);
            if (open <= 0) {
                return null;
            }
            String content = s.substring(open + 1, end - 1);
            if (s.charAt(open - 1) == '-' && !isSite(content) && valid(strip(content))) {
                return strip(content);
            }
            if (inGroupPosition(tn, open, end, content)) {
                return content; // Title.2019.1080p.BluRay.x264.[GRP]: the bracketed word stands where -GRP would
            }
            end = trimRight(s, open);
        }
        int before;
        do {
            before = end;
            end = stripRepostSuffixes(s, end);
            end = stripTrailingMarkers(tn, end);
        } while (end < before);
        end = stripTagAfterGroup(tn, end);
        int last = lastWordBefore(tn, end);
        if (last < firstWord) {
            return null;
        }
        int k = last;
        while (k >= firstWord && groupMaterial(tn, k, last)) {
            k--;
        }
        if (k == last) {
            return musicGroup(tn, last);
        }
        if (k < firstWord) {
            return untaggedName(tn, firstWord, last);
        }
        int from = tn.token(k).end();
        String rest = strip(s.substring(from, end));
        if (rest.isEmpty()) {
            return null;
        }
        boolean afterHyphen = s.substring(from, tn.token(k + 1).start()).indexOf('-') >= 0;
        if (afterHyphen) {
            rest = withoutAudioProfile(tn, k, last, rest);
            return valid(rest) ? rest : null;
        }
        TokenKind kind = tn.kind(k);
        boolean afterMarker = kind == TokenKind.YEAR
                || kind == TokenKind.EPISODE
                || kind == TokenKind.DATE
                || kind == TokenKind.VERSION
                || kind == TokenKind.CHECKSUM;
        String lastPart = afterLastHyphen(rest, afterMarker);
        if (lastPart != null) {
            return valid(lastPart) ? lastPart : null;
        }
        if (afterMarker) {
            return null;
        }
        if (rest.regionMatches(true, 0, "by.", 0, 3)) {
            rest = rest.substring(3);
        }
        int dots = 0;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c == '_' || c == ' ' || c == '(' || c == ')' || c == '[' || c == ']') {
                return null;
            }
        }
        return dots <= 1 && valid(rest) ? rest : null;
    }

    /**
     * The scene convention for words left between the last technical word and the end when they do not hang on it by
     * a hyphen ({@code x264.Tag-GRP}, {@code S01E02.Episode.Title-GRP}, {@code v2.1.Only-GRP}): the group is what
     * follows the last hyphen. One hyphen inside the last dot-separated part is kept as a hyphenated group
     * ({@code HQ.Hive-CM8}) unless words separated by dots come before it or the words follow a version, an episode,
     * a year or a date (there they are a product or episode title: {@code v2.1.Only-GRP}); two or more hyphens are
     * never one group written after a dot.
     *
     * @param rest        the text after the last technical word, stripped
     * @param afterMarker whether that word is a version, episode, year, date or checksum
     * @return the group, or {@code null} when {@code rest} holds no hyphen
     */
    private static String afterLastHyphen(String rest, boolean afterMarker) {
        int hyphen = rest.lastIndexOf('-');
        if (hyphen < 0) {
            return null;
        }
        String last = strip(rest.substring(hyphen + 1));
        int dot = lastSeparator(rest, hyphen);
        String part = rest.substring(dot + 1);
        boolean oneHyphen = part.indexOf('-') == hyphen - dot - 1;
        if (!afterMarker && dot < 0 && oneHyphen && part.indexOf('-') > 0) {
            return strip(part);
        }
        return last;
    }

    /**
     * {@code AAC-LC-GRP}, {@code AAC-HE-GRP}, {@code DD-EX-GRP}: a two- or three-letter word hyphen-joined to an audio
     * format, with a further hyphen after it, is the format's profile, not the start of a hyphenated group.
     */
    private static String withoutAudioProfile(TokenizedName tn, int k, int last, String rest) {
        Tag tag = tn.tags[k];
        if (tag == null || tag.kind() != TokenKind.AUDIO || tag.value().indexOf('.') >= 0 || k + 2 > last) {
            return rest;
        }
        Token profile = tn.token(k + 1);
        String w = profile.text();
        boolean letters = w.length() >= 2 && w.length() <= 3 && w.chars().allMatch(Character::isLetter);
        if (letters && profile.hyphenJoined() && tn.token(k + 2).hyphenJoined()) {
            return strip(rest.substring(w.length()));
        }
        return rest;
    }

    private static int lastSeparator(String s, int before) {
        for (int i = before - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c != '-' && Tokenizer.isSeparator(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code -GRP.proof}, {@code -GRP-sample}, {@code -GRP_subs}: marker words of a release's extra files after the
     * group. A marker is removed only when an ordinary word (the group) stands before it; right after a technical
     * word ({@code x264.proof}) it stays, and is then no group either.
     */
    private static int stripTrailingMarkers(TokenizedName tn, int end) {
        String s = tn.name;
        while (true) {
            int last = lastWordBefore(tn, end);
            if (last < 2) {
                return end;
            }
            Token t = tn.token(last);
            if (!TRAILING_MARKERS.contains(t.lower()) || t.end() != end) {
                return end;
            }
            int before = last - 1;
            if (tn.tags[before] != null && !tn.tags[before].weak() || s.lastIndexOf('-', t.start()) < 0) {
                return end;
            }
            end = trimRight(s, t.start());
        }
    }

    /**
     * {@code Game.Title-GRP}, {@code Some_Game-GRP}: a name without any technical word still ends with the group after
     * a single final hyphen, when dots or underscores separate its other words and no other hyphen stands in it (so
     * {@code Title-Word.Other} and fansub dashes are left alone).
     */
    private static String untaggedName(TokenizedName tn, int firstWord, int last) {
        Token t = tn.token(last);
        if (last - firstWord < 2 || !t.hyphenJoined() || t.closer() != 0) {
            return null;
        }
        for (int i = firstWord + 1; i < last; i++) {
            char sep = tn.token(i).sepBefore();
            if (sep != '.' && sep != '_') {
                return null;
            }
        }
        return valid(t.text()) && !Token.digitsOnly(t.text()) ? t.text() : null;
    }

    /** {@code Artist-Title-WEB-2023-WAV}: in music names the word after the year is the group, whatever it spells. */
    private static String musicGroup(TokenizedName tn, int last) {
        Token t = tn.token(last);
        if (last > 0
                && t.hyphenJoined()
                && tn.is(last - 1, TokenKind.YEAR)
                && tn.token(last - 1).hyphenJoined()) {
            return valid(t.text()) ? t.text() : null;
        }
        return null;
    }

    /**
     * Scene music ({@code Artist_Name-Title_Words-CD-FLAC-2001-GROUP}) always ends with the group after the last
     * hyphen, even when technical-looking words stand before it.
     */
    static String lastSegment(TokenizedName tn) {
        String s = tn.name;
        int end = tn.count == 0 ? 0 : tn.token(tn.count - 1).end();
        int dash = s.lastIndexOf('-', end - 1);
        if (dash < 0) {
            return null;
        }
        String group = s.substring(dash + 1, end);
        return valid(group) && group.indexOf('.') < 0 ? group : null;
    }

    /**
     * A group written as {@code grp-the.title.2016...}: a short lower-case word before the first hyphen, in a name
     * that carries no trailing group.
     */
    static String lowercasePrefix(TokenizedName tn, int first) {
        if (first + 2 >= tn.count) {
            return null;
        }
        Token t = tn.token(first);
        Token next = tn.token(first + 1);
        String w = t.text();
        if (!next.hyphenJoined()
                || tn.tags[first] != null
                || tn.tags[first + 1] != null
                || w.length() < 2
                || w.length() > 12
                || tn.token(first + 2).sepBefore() != '.') {
            return null;
        }
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                return null;
            }
        }
        return w;
    }

    /** A bracketed word such as {@code [HorribleSubs]} or {@code [MPup]} after the title. */
    static String bracketed(TokenizedName tn, int from) {
        for (int i = Math.max(from, 1); i < tn.count; i++) {
            Token t = tn.token(i);
            if (t.opener() == '[' && t.closer() == ']' && tn.tags[i] == null && !t.isNumber() && valid(t.text())) {
                return t.text();
            }
        }
        return null;
    }

    /** Whether word {@code k} belongs to the group rather than to the technical words before it. */
    private static boolean groupMaterial(TokenizedName tn, int k, int last) {
        Tag tag = tn.tags[k];
        if (tag == null) {
            return true;
        }
        if (k != last || !tn.token(k).hyphenJoined() || k > 0 && tn.tags[k - 1] == tag) {
            return false;
        }
        // The word right after the final hyphen is the group even when it spells a weak tag or a source
        // (-HR, -ITA, -DVDiSO); a resolution or codec there (HDTV-1080p) is not a group.
        return tag.weak()
                || tag.kind() == TokenKind.FLAG
                || tag.kind() == TokenKind.LANGUAGE
                || tag.kind() == TokenKind.SERVICE
                || tag.kind() == TokenKind.MISC
                || tag.kind() == TokenKind.SOURCE;
    }

    /**
     * {@code -AFG.HebSubs}, {@code -2hd.eng}, {@code -Belex.-.Dual.Audio.+.Legendas}: language and subtitle words
     * written after the group.
     */
    private static int stripTagAfterGroup(TokenizedName tn, int end) {
        int k = lastWordBefore(tn, end);
        int last = k;
        while (k >= 1 && tn.tags[k] != null && !tn.token(k).hyphenJoined() && afterGroupTag(tn.tags[k])) {
            k--;
        }
        if (k < last && k >= 1 && tn.tags[k] == null && tn.token(k).hyphenJoined() && tn.tags[k - 1] != null) {
            return tn.token(k).end();
        }
        return end;
    }

    private static boolean afterGroupTag(Tag tag) {
        return tag.kind() == TokenKind.LANGUAGE
                || tag.kind() == TokenKind.SUBTITLES
                || tag.kind() == TokenKind.AUDIO && tag.weak();
    }

    private static int lastWordBefore(TokenizedName tn, int end) {
        int i = tn.count - 1;
        while (i >= 0 && tn.token(i).end() > end) {
            i--;
        }
        return i;
    }

    private static int stripRepostSuffixes(String s, int end) {
        while (true) {
            int sep = end - 1;
            while (sep > 0 && s.charAt(sep) != '-' && s.charAt(sep) != '_' && !Tokenizer.isSeparator(s.charAt(sep))) {
                sep--;
            }
            if (sep <= 0 || !Character.isLetterOrDigit(s.charAt(sep - 1))) {
                return end;
            }
            String suffix = s.substring(sep + 1, end).toLowerCase(Locale.ROOT);
            char c = s.charAt(sep);
            boolean repost =
                    c == '-' && (REPOST_SUFFIXES.contains(suffix) || suffix.length() <= 2 && Token.digitsOnly(suffix));
            boolean language = c == '_'
                    && s.lastIndexOf('-', sep) > 0
                    && LanguageTokens.word(suffix) != null
                    && LanguageTokens.isFullName(suffix);
            if (!repost && !language) {
                return end;
            }
            end = sep;
        }
    }

    private static int trimRight(String s, int end) {
        while (end > 0) {
            char c = s.charAt(end - 1);
            if (c == '.' || c == '-' || c == '_' || c == ' ') {
                end--;
            } else {
                break;
            }
        }
        return end;
    }

    private static String strip(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isStrippable(s.charAt(a))) {
            a++;
        }
        while (b > a && isStrippable(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    private static boolean isStrippable(char c) {
        return c == '.' || c == '-' || c == '_' || c == ' ' || c == '[' || c == ']' || c == '(' || c == ')';
    }

    /**
     * Whether a bracket at the end, {@code [open, end)}, holds one untagged word written right after the technical
     * words of a dotted name, where the {@code -GROUP} would be: {@code x264.[GRP]}, {@code x264 [GRP]}. A bracket
     * glued to the word before it ({@code -LOL[ettv]}) is a tracker tag, and one after another bracket
     * ({@code [1080p] [X]}) belongs to the bracket tags of a fansub name, whose group leads.
     */
    private static boolean inGroupPosition(TokenizedName tn, int open, int end, String content) {
        String s = tn.name;
        char before = s.charAt(open - 1);
        if (before != '.' && before != ' ' && before != '_' || looksLikeSite(content)) {
            return false;
        }
        int i = lastWordBefore(tn, end);
        if (i < 1 || tn.token(i).start() != open + 1 || tn.token(i).end() != end - 1 || tn.tags[i] != null) {
            return false;
        }
        Token previous = tn.token(i - 1);
        Tag tag = tn.tags[i - 1];
        return tag != null
                && !tag.weak()
                && !tag.isMarker()
                && previous.opener() == 0
                && previous.closer() == 0
                && valid(content)
                && !Token.digitsOnly(content);
    }

    /** Whether bracket content is a web site or tracker domain with a known top-level domain. */
    static boolean isSite(String content) {
        String c = content.toLowerCase(Locale.ROOT).trim();
        if (c.contains("www.") || c.startsWith("http")) {
            return true;
        }
        int dot = c.lastIndexOf('.');
        if (dot <= 0 || dot == c.length() - 1) {
            return false;
        }
        return SITE_DOMAINS.contains(c.substring(dot + 1)) && c.indexOf(' ') < 0;
    }

    /**
     * Whether bracket content that is not in the {@code -[GROUP]} position looks like a site: a known site, or a
     * dotted name ending in any two- or three-letter top-level domain ({@code [site.mx] Title...}). After the final
     * hyphen the same shape is a group ({@code -[YTS.XX]}), so this is used only for the other positions.
     */
    static boolean looksLikeSite(String content) {
        if (isSite(content)) {
            return true;
        }
        String c = content.toLowerCase(Locale.ROOT).trim();
        int dot = c.lastIndexOf('.');
        if (dot <= 1 || dot == c.length() - 1 || c.indexOf(' ') >= 0) {
            return false;
        }
        String tld = c.substring(dot + 1);
        boolean shortTld = tld.length() >= 2 && tld.length() <= 3 && tld.chars().allMatch(ch -> ch >= 'a' && ch <= 'z');
        return shortTld && letters(c.substring(0, dot)) >= 2;
    }

    private static int letters(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            n += Character.isLetter(s.charAt(i)) ? 1 : 0;
        }
        return n;
    }

    private static boolean valid(String group) {
        if (group.isEmpty() || group.length() > 40) {
            return false;
        }
        boolean letterOrDigit = false;
        for (int i = 0; i < group.length(); i++) {
            char c = group.charAt(i);
            if (Character.isWhitespace(c)) {
                return false;
            }
            letterOrDigit |= Character.isLetterOrDigit(c);
        }
        return letterOrDigit && !(group.length() <= 2 && Token.digitsOnly(group));
    }
}
