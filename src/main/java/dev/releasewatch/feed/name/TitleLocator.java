package dev.releasewatch.feed.name;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides where the title ends, which year is the release year, and whether a bare number after the title is an
 * episode ({@code Show.102.HDTV}, {@code [Grp] Anime - 12}, {@code Show.07.PDTV}).
 *
 * <p>The title runs from the first word to the first word that cannot be part of a title: a marker, a technical
 * word, or a free-standing dash. Weak words ({@link Tag#weak()}) end it only when technical words follow them, so
 * {@code The.Good.German.2006.GERMAN}, {@code Dr.LiNE.The.Lorax} and {@code Real.Time.With...} keep their titles.
 * Of several years in a row the last is the release year ({@code Wonder.Woman.1984.2020}); a leading year is the
 * title when nothing else could be ({@code 2012.720p}) or another year follows ({@code 2001.A.Space.Odyssey.1968}).
 */
final class TitleLocator {

    /** How to read the title. */
    enum Mode {
        /** Movies and TV: technical words and years end the title. */
        MEDIA,
        /** Software and games: years and audio words belong to the title ({@code SurCode.DTS.Encoder.v1.0}). */
        PRODUCT,
        /** Music: {@code Artist-Title-...}; the title is the second dash-separated segment. */
        MUSIC
    }

    /**
     * Where the title is and what was read around it.
     *
     * @param start       index of the first title word
     * @param end         index after the last title word
     * @param year        the release year, or {@code null}
     * @param bareEpisode an episode read from a bare number, or {@code null}
     */
    record Result(int start, int end, Integer year, EpisodeMarker.Span bareEpisode) {}

    private TitleLocator() {}

    static Result locate(TokenizedName tn, int first, Mode mode, boolean hasMarker, boolean leadingGroup) {
        int n = tn.count;
        int t0 = first;
        Integer year = null;
        if (t0 >= n) {
            return new Result(t0, t0, firstYear(tn, 0), null);
        }
        if (tn.is(t0, TokenKind.YEAR) && mode != Mode.PRODUCT) {
            int r = t0;
            while (tn.is(r + 1, TokenKind.YEAR)) {
                r++;
            }
            if (laterYearOrDate(tn, r + 1) || r + 1 >= n || strong(tn, r + 1, mode)) {
                for (int i = t0; i <= r; i++) {
                    tn.tags[i] = null;
                }
            } else {
                year = tn.token(r).number();
                t0 = r + 1;
            }
        }
        if (mode == Mode.MUSIC) {
            Result music = musicTitle(tn, t0);
            if (music != null) {
                return music;
            }
        }
        int stop = findStop(tn, t0, mode);
        if (year == null && stop < n && tn.is(stop, TokenKind.YEAR) && mode != Mode.PRODUCT) {
            int r = stop;
            while (tn.is(r + 1, TokenKind.YEAR)) {
                r++;
            }
            for (int i = stop; i < r; i++) {
                tn.tags[i] = null;
            }
            year = tn.token(r).number();
            stop = r;
        }
        EpisodeMarker.Span bare = null;
        if (!hasMarker && mode == Mode.MEDIA) {
            bare = bareEpisode(tn, t0, stop, year, leadingGroup);
            if (bare != null && bare.first() < stop && bare.first() > t0) {
                stop = bare.first();
            }
        }
        if (year == null) {
            year = firstYear(tn, stop);
        }
        if (year == null && mode == Mode.PRODUCT) {
            year = firstYear(tn, t0);
        }
        return new Result(t0, stop, year, bare);
    }

    /**
     * For e-books and audiobooks written {@code Author.-.Title...}: the title after the first free-standing dash.
     *
     * @return the new title span, or {@code null} when there is no such dash in the title
     */
    static Result afterAuthor(TokenizedName tn, Result title, Mode mode) {
        for (int i = title.start() + 1; i <= title.end() && i < tn.count; i++) {
            if (tn.token(i).dashBreak()) {
                int stop = findStop(tn, i, mode);
                return stop > i ? new Result(i, stop, title.year(), title.bareEpisode()) : null;
            }
        }
        return null;
    }

    /**
     * Sports broadcasts are named {@code League.Date.Event}: {@code NHL.2023.04.01.Team.A.vs.Team.B.720p...}. When the
     * title before the air date is only a league, the title is the event after the date.
     *
     * @return the event's span, or {@code null} when the name is not of that form
     */
    static Result afterLeagueDate(TokenizedName tn, Result title) {
        int start = title.start();
        int length = title.end() - start;
        boolean league = length == 1 && ContentTokens.isLeague(tn.lower(start))
                || length == 2 && ContentTokens.isLeague(tn.lower(start) + "." + tn.lower(start + 1));
        if (!league || !tn.is(title.end(), TokenKind.DATE)) {
            return null;
        }
        int after = title.end();
        while (tn.is(after, TokenKind.DATE)) {
            after++;
        }
        if (after >= tn.count || tn.tags[after] != null) {
            return null;
        }
        int stop = findStop(tn, after, Mode.MEDIA);
        return stop > after ? new Result(after, stop, title.year(), title.bareEpisode()) : null;
    }

    /** Joins the title words with spaces, keeping hyphens inside words ({@code X-Men}). */
    static String text(TokenizedName tn, int start, int end) {
        if (start >= end) {
            return null;
        }
        StringBuilder sb = new StringBuilder(48);
        for (int i = start; i < end; i++) {
            Token t = tn.token(i);
            if (sb.length() > 0) {
                sb.append(t.hyphenJoined() ? '-' : ' ');
            }
            sb.append(t.text());
        }
        return sb.toString();
    }

    private static int findStop(TokenizedName tn, int t0, Mode mode) {
        int n = tn.count;
        if (t0 < n && (tn.is(t0, TokenKind.EPISODE) || tn.is(t0, TokenKind.DATE))) {
            return t0;
        }
        for (int i = t0 + 1; i < n; i++) {
            if (tn.token(i).dashBreak()) {
                return i;
            }
            Tag tag = tn.tags[i];
            if (tag == null) {
                continue;
            }
            if (!tag.weak()) {
                if (stopsTitle(tag.kind(), mode)) {
                    return i;
                }
            } else if (completePack(tn, i) && !onlyArticleBefore(tn, t0, i)) {
                return i - 1 > t0 && tn.lower(i - 1).equals("the") ? i - 1 : i;
            } else if (weakStops(tn, i, mode) && !onlyArticleBefore(tn, t0, i)) {
                return i;
            }
        }
        return n;
    }

    /** Articles that never make a title alone: {@code The.Final.Cut.2019} is not titled {@code The}. */
    private static final Set<String> ARTICLES =
            Set.of("the", "a", "an", "der", "die", "das", "le", "la", "les", "el", "il", "lo", "de", "het");

    /** Whether the title before word {@code i} is an article and nothing but weak words after it. */
    private static boolean onlyArticleBefore(TokenizedName tn, int t0, int i) {
        if (i <= t0 || !ARTICLES.contains(tn.lower(t0))) {
            return false;
        }
        for (int j = t0 + 1; j < i; j++) {
            if (tn.tags[j] == null || !tn.tags[j].weak()) {
                return false;
            }
        }
        return true;
    }

    /** Words that name what a {@code Complete} pack holds: {@code Complete.Series}, {@code Complete.Collection}. */
    private static final Set<String> PACK_WORDS =
            Set.of("series", "serie", "collection", "pack", "box", "boxset", "set", "run", "show");

    /**
     * {@code Show.Complete.S01}, {@code Show.The.Complete.Series.720p}, {@code Show.COMPLETE.BLURAY}: {@code Complete}
     * ends the title when a marker, a pack word, a technical word or the end follows it; {@code The.Complete.Guide}
     * keeps it.
     */
    private static boolean completePack(TokenizedName tn, int i) {
        Tag tag = tn.tags[i];
        if (tag.kind() != TokenKind.EDITION || !tag.value().equals("COMPLETE")) {
            return false;
        }
        if (i + 1 >= tn.count) {
            return true;
        }
        Tag next = tn.tags[i + 1];
        return next != null && (!next.weak() || next.isMarker()) || PACK_WORDS.contains(tn.lower(i + 1));
    }

    private static boolean strong(TokenizedName tn, int i, Mode mode) {
        Tag tag = tn.tags[i];
        return tag != null && !tag.weak() && stopsTitle(tag.kind(), mode);
    }

    private static boolean stopsTitle(TokenKind kind, Mode mode) {
        if (mode != Mode.PRODUCT) {
            return true;
        }
        return switch (kind) {
            case YEAR, AUDIO, CODEC, RESOLUTION, EDITION -> false;
            default -> true;
        };
    }

    private static boolean canStopWhenWeak(TokenKind kind, Mode mode) {
        return switch (kind) {
            case LANGUAGE, EDITION, PICTURE, FLAG, SUBTITLES, AUDIO -> true;
            case SOFTWARE, PLATFORM -> mode == Mode.PRODUCT;
            default -> false;
        };
    }

    private static boolean weakStops(TokenizedName tn, int i, Mode mode) {
        Tag tag = tn.tags[i];
        if (!canStopWhenWeak(tag.kind(), mode)) {
            return false;
        }
        if (tag.kind() == TokenKind.LANGUAGE && repeatedLater(tn, i)) {
            return false;
        }
        for (int j = i + 1; j < tn.count; j++) {
            if (tn.token(j).dashBreak()) {
                return true;
            }
            Tag next = tn.tags[j];
            if (next == null || next.kind() == TokenKind.EPISODE || next.kind() == TokenKind.DATE) {
                return false;
            }
            if (next.kind() == TokenKind.YEAR) {
                return mode != Mode.PRODUCT && stopsBeforeYear(tag, tn.lower(i));
            }
            if (!next.weak()) {
                return stopsTitle(next.kind(), mode);
            }
            if (!canStopWhenWeak(next.kind(), mode)) {
                return false;
            }
        }
        return false;
    }

    private static boolean stopsBeforeYear(Tag tag, String lower) {
        return switch (tag.kind()) {
            case EDITION -> !tag.value().equals("SPECIAL");
            case PICTURE, FLAG -> true;
            case LANGUAGE -> LanguageTokens.isFullName(lower);
            default -> false;
        };
    }

    /** {@code Immersion.French.2011...FRENCH}: a language named again later as a tag is part of the title. */
    private static boolean repeatedLater(TokenizedName tn, int i) {
        String value = tn.tags[i].value();
        for (int j = i + 1; j < tn.count; j++) {
            Tag t = tn.tags[j];
            if (t != null
                    && t.kind() == TokenKind.LANGUAGE
                    && value.equals(t.value())
                    && tn.lower(j).length() >= 3) {
                return true;
            }
        }
        return false;
    }

    private static boolean laterYearOrDate(TokenizedName tn, int from) {
        for (int i = from; i < tn.count; i++) {
            if (tn.is(i, TokenKind.YEAR) || tn.is(i, TokenKind.DATE)) {
                return true;
            }
        }
        return false;
    }

    private static Integer firstYear(TokenizedName tn, int from) {
        for (int i = Math.max(from, 0); i < tn.count; i++) {
            if (tn.is(i, TokenKind.YEAR)) {
                return tn.token(i).number();
            }
        }
        return null;
    }

    /** {@code Artist_Name-Title_Words-(CAT)-WEB-2023-GROUP}: the second segment at bracket depth 0. */
    private static Result musicTitle(TokenizedName tn, int t0) {
        int n = tn.count;
        int begin = -1;
        for (int i = t0 + 1; i < n; i++) {
            if (isDash(tn, i)) {
                begin = i;
                break;
            }
        }
        if (begin < 0
                || tn.tags[begin] != null && !tn.tags[begin].weak() && tn.tags[begin].kind() != TokenKind.EDITION) {
            return null;
        }
        int end = begin + 1;
        while (end < n && !isDash(tn, end)) {
            end++;
        }
        return new Result(begin, end, firstYear(tn, 0), null);
    }

    private static boolean isDash(TokenizedName tn, int i) {
        Token t = tn.token(i);
        if (!t.hyphenJoined() && !t.dashBreak()) {
            return false;
        }
        int depth = 0;
        String s = tn.name;
        int dash = s.lastIndexOf('-', t.start());
        for (int c = 0; c < dash; c++) {
            char ch = s.charAt(c);
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            }
        }
        return depth <= 0;
    }

    private static EpisodeMarker.Span bareEpisode(
            TokenizedName tn, int t0, int stop, Integer year, boolean leadingGroup) {
        int n = tn.count;
        for (int i = t0 + 1; i < n; i++) {
            Tag tag = tn.tags[i];
            if (tag != null && !tag.weak() && tag.kind() != TokenKind.YEAR) {
                break; // a year may stand between title and number: [Grp] Show (2019) - 05
            }
            if (tn.token(i).dashBreak() && tag == null && episodeNumber(tn.token(i)) != null) {
                return absolute(tn, i);
            }
        }
        if (leadingGroup) {
            for (int i = stop - 1; i > t0; i--) {
                if (tn.tags[i] == null && episodeNumber(tn.token(i)) != null) {
                    while (i - 1 > t0
                            && tn.tags[i - 1] == null
                            && tn.token(i - 1).isNumber()
                            && (tn.token(i).hyphenJoined() || tn.token(i).sepBefore() == '&')) {
                        i--;
                    }
                    return absolute(tn, i);
                }
            }
            return null;
        }
        EpisodeMarker.Span compact = compactNumber(tn, t0, stop, year);
        if (compact != null) {
            return compact;
        }
        for (int i = t0 + 1; i < Math.min(n, stop + 4); i++) {
            if (tn.tags[i] != null) {
                continue;
            }
            Integer of = EpisodeMarker.nOfM(tn.lower(i));
            if (of == null
                    && tn.token(i).isNumber()
                    && i + 2 < n
                    && tn.lower(i + 1).equals("of")
                    && tn.token(i + 2).isNumber()) {
                of = tn.token(i).number();
            }
            if (of != null) {
                return new EpisodeMarker.Span(i, i, List.of(), List.of(of));
            }
        }
        if (year != null || firstYear(tn, 0) != null) {
            return null;
        }
        for (int i = t0 + 1; i + 1 < stop; i++) {
            if (smallNumber(tn, i) && smallNumber(tn, i + 1) && tn.adjacent(i)) {
                return new EpisodeMarker.Span(
                        i,
                        i + 1,
                        List.of(tn.token(i).number()),
                        List.of(tn.token(i + 1).number()));
            }
        }
        int last = stop - 1;
        boolean technicalAfter = stop >= n || tn.tags[stop] != null && !tn.tags[stop].weak();
        if (last > t0 && tn.tags[last] == null && technicalAfter) {
            Integer e = episodeNumber(tn.token(last));
            if (e != null && tn.token(last).text().length() >= 2) {
                return new EpisodeMarker.Span(last, last, List.of(), List.of(e));
            }
        }
        for (int i = t0 + 1; i < stop; i++) {
            String w = tn.token(i).text();
            if (tn.tags[i] == null && w.length() == 2 && w.charAt(0) == '0' && Character.isDigit(w.charAt(1))) {
                return new EpisodeMarker.Span(i, i, List.of(), List.of(w.charAt(1) - '0'));
            }
        }
        return null;
    }

    /** {@code Show.102}, {@code Show.2401}, {@code Show.101.102}, and {@code Show.2010.217} right after a year. */
    private static EpisodeMarker.Span compactNumber(TokenizedName tn, int t0, int stop, Integer year) {
        int last = stop - 1;
        if (year != null && stop < tn.count && tn.is(stop, TokenKind.YEAR)) {
            int after = stop + 1;
            if (after < tn.count
                    && tn.tags[after] == null
                    && compact(tn.token(after)) != null
                    && (after + 1 == tn.count
                            || tn.tags[after + 1] != null
                            || after + 2 == tn.count && tn.token(after + 1).hyphenJoined())) {
                int[] se = compact(tn.token(after));
                return new EpisodeMarker.Span(after, after, List.of(se[0]), List.of(se[1]));
            }
        }
        boolean technicalAfter = stop >= tn.count || tn.tags[stop] != null && !tn.tags[stop].weak();
        if (last <= t0 || tn.tags[last] != null || !technicalAfter) {
            return null;
        }
        if (compact(tn.token(last)) == null) {
            return doubleEpisode(tn, last);
        }
        int[] se = compact(tn.token(last));
        int first = last;
        List<Integer> episodes = new ArrayList<>(2);
        episodes.add(se[1]);
        while (first - 1 > t0 && tn.tags[first - 1] == null) {
            int[] prev = compact(tn.token(first - 1));
            if (prev == null || prev[0] != se[0] || prev[1] != episodes.get(0) - 1) {
                break;
            }
            episodes.add(0, prev[1]);
            first--;
        }
        return new EpisodeMarker.Span(first, last, List.of(se[0]), episodes);
    }

    /** @return {season, episode} of a 3- or 4-digit number such as 109 or 2401, or {@code null} */
    private static int[] compact(Token t) {
        String w = t.text();
        if (!t.isNumber() || w.length() < 3 || w.length() > 4 || w.length() == 4 && looksLikeYear(t.number())) {
            return null;
        }
        int split = w.length() - 2;
        int season = Integer.parseInt(w.substring(0, split));
        int episode = Integer.parseInt(w.substring(split));
        return season == 0 || episode == 0 ? null : new int[] {season, episode};
    }

    private static boolean looksLikeYear(int n) {
        return n >= 1900 && n <= 2099;
    }

    /** {@code Series.10708}: season 1, episodes 7 and 8, written as one number. */
    private static EpisodeMarker.Span doubleEpisode(TokenizedName tn, int i) {
        String w = tn.token(i).text();
        if (tn.tags[i] != null || w.length() != 5 || !tn.token(i).isNumber()) {
            return null;
        }
        int season = w.charAt(0) - '0';
        int a = Integer.parseInt(w.substring(1, 3));
        int b = Integer.parseInt(w.substring(3, 5));
        return season > 0 && a > 0 && b == a + 1 ? new EpisodeMarker.Span(i, i, List.of(season), List.of(a, b)) : null;
    }

    private static boolean smallNumber(TokenizedName tn, int i) {
        Token t = tn.token(i);
        return tn.tags[i] == null && t.isNumber() && t.text().length() <= 2;
    }

    private static EpisodeMarker.Span absolute(TokenizedName tn, int i) {
        List<Integer> episodes = new ArrayList<>(2);
        episodes.add(episodeNumber(tn.token(i)));
        int last = i;
        while (last + 1 < tn.count && tn.tags[last + 1] == null) {
            Token next = tn.token(last + 1);
            Integer n = episodeNumber(next);
            int previous = episodes.get(episodes.size() - 1);
            if (n != null && next.hyphenJoined() && n > previous && n - previous <= 200) {
                for (int e = previous + 1; e <= n; e++) {
                    episodes.add(e);
                }
            } else if (n != null && next.sepBefore() == '&' && n > previous) {
                episodes.add(n);
            } else {
                break;
            }
            last++;
        }
        return new EpisodeMarker.Span(i, last, List.of(), episodes);
    }

    /** @return the number of {@code 12}, {@code 001} or {@code 07v2}, or {@code null} */
    private static Integer episodeNumber(Token t) {
        String w = t.lower();
        int end = 0;
        while (end < w.length() && Character.isDigit(w.charAt(end))) {
            end++;
        }
        if (end == 0 || end > 4) {
            return null;
        }
        if (end < w.length()
                && !(w.charAt(end) == 'v' && end + 1 < w.length() && Token.digitsOnly(w.substring(end + 1)))) {
            return null;
        }
        return Integer.parseInt(w.substring(0, end));
    }
}
