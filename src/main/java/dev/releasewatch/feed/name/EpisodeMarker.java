package dev.releasewatch.feed.name;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds explicit season and episode markers and reads every number they carry.
 *
 * <p>Forms, in the order they are preferred when a name has several:
 * <ol>
 *   <li>{@code S01E02}, {@code S01E02E03}, {@code S01E02-E04}, {@code S01E01-04}, {@code S01E01+02},
 *       {@code S01.E02.E03}, {@code S01.Ep06}, {@code S01E02.S01E03}, {@code S01}, {@code S01-S10},
 *       {@code S01.S02}, {@code S07D1}, {@code S2014E11}, {@code S0615};</li>
 *   <li>{@code 1x02}, {@code 1x02x03}, {@code 16x03-05}, {@code 1x02.1x03};</li>
 *   <li>season words in several languages ({@code Season.1-3}, {@code Saison3}, {@code Temporada.15},
 *       {@code Stagione.3}, {@code Seizoen.4}), optionally followed by an episode ({@code Episode5-8}, {@code
 *   3of9});</li>
 *   <li>episode only: {@code E576}, {@code Ep07}, {@code Episode4}, {@code Eps.01-02}, {@code E02-03}.</li>
 * </ol>
 * An {@code S}-form beats an {@code x}-form elsewhere in the name, because titles such as {@code 4x4} exist.
 * Bare numbers ({@code Show.102}, {@code Anime - 12}) are not read here: whether they are episodes depends on
 * where the title ends, which {@link TitleLocator} decides.
 */
final class EpisodeMarker {

    /** Ranges wider than this are typos or misreads, not packs. */
    private static final int MAX_RANGE = 200;

    private static final int MAX_SEASON_ONLY = 50;

    /** Words that join two markers into a list: {@code S01E01.and.S01E02}, {@code Season.1.und.2}. */
    private static final Set<String> AND_WORDS = Set.of("and", "und", "et", "y", "en", "og", "och");

    /** Words that join two markers into a range: {@code S01E01.to.S01E04}, {@code Season.1.to.5}. */
    private static final Set<String> TO_WORDS = Set.of("to", "thru", "through", "till", "bis", "a", "al");

    /**
     * Seasons and episodes read from a marker spanning words {@code first..last}.
     *
     * @param first    index of the first word of the marker
     * @param last     index of the last word of the marker
     * @param seasons  season numbers (may be empty for episode-only markers)
     * @param episodes episode numbers (may be empty for season packs)
     */
    record Span(int first, int last, List<Integer> seasons, List<Integer> episodes) {}

    private EpisodeMarker() {}

    /**
     * Finds the preferred marker at or after {@code from} and tags its words as {@link TokenKind#EPISODE}.
     *
     * @return the marker, or {@code null}
     */
    static Span find(TokenizedName tn, int from) {
        Span span = null;
        for (int i = from; i < tn.count && span == null; i++) {
            if (open(tn, i)) {
                span = sForm(tn, i);
            }
        }
        for (int i = from; i < tn.count && span == null; i++) {
            if (open(tn, i)) {
                span = xForm(tn, i);
            }
        }
        for (int i = from; i < tn.count && span == null; i++) {
            if (open(tn, i)) {
                span = numberThenWord(tn, i);
            }
        }
        for (int i = from; i < tn.count && span == null; i++) {
            if (open(tn, i)) {
                span = seasonWord(tn, i);
            }
        }
        for (int i = from; i < tn.count && span == null; i++) {
            if (open(tn, i)) {
                span = episodeWord(tn, i);
            }
        }
        for (int i = from + 1; i < tn.count && span == null; i++) {
            if (open(tn, i)) {
                span = part(tn, i);
            }
        }
        if (span == null || span.episodes().isEmpty()) {
            Span cap = capitulo(tn, from);
            if (cap != null) {
                span = span == null ? cap : new Span(span.first(), span.last(), span.seasons(), cap.episodes());
                tagSpan(tn, cap);
            }
        }
        if (span != null) {
            tagSpan(tn, span);
        }
        return span;
    }

    private static void tagSpan(TokenizedName tn, Span span) {
        Tag tag = Tag.strong(TokenKind.EPISODE, null);
        for (int i = span.first(); i <= span.last(); i++) {
            tn.tags[i] = tag;
        }
    }

    /** Spanish packs: {@code [Cap.105]} is season 1 episode 5, {@code [Cap.1503_1506]} episodes 3 to 6 of season 15. */
    private static Span capitulo(TokenizedName tn, int from) {
        for (int i = from; i + 1 < tn.count; i++) {
            Token number = tn.token(i + 1);
            String digits = number.text();
            if (!tn.lower(i).equals("cap") || !number.isNumber() || digits.length() < 3 || digits.length() > 4) {
                continue;
            }
            int season = number.number() / 100;
            List<Integer> episodes = new ArrayList<>(2);
            episodes.add(number.number() % 100);
            int last = i + 1;
            if (last + 1 < tn.count
                    && tn.token(last + 1).isNumber()
                    && tn.token(last + 1).sepBefore() == '_'
                    && tn.token(last + 1).number() / 100 == season) {
                addRange(episodes, tn.token(last + 1).number() % 100);
                last++;
            }
            return new Span(i, last, List.of(season), episodes);
        }
        return null;
    }

    /**
     * {@code Mini.Series.Part.2.HDTV}: a part number right before the technical words of a name without a year is the
     * episode of a mini-series (with a year, {@code Movie.Part.2.2019}, it belongs to a film's title).
     */
    private static Span part(TokenizedName tn, int i) {
        String w = tn.lower(i);
        if (!(w.equals("part") || w.equals("pt")) || i + 2 >= tn.count) {
            return null;
        }
        Token number = tn.token(i + 1);
        Tag after = tn.tags[i + 2];
        if (!number.isNumber()
                || number.text().length() > 2
                || tn.tags[i + 1] != null
                || after == null
                || after.weak()) {
            return null;
        }
        for (int j = 0; j < tn.count; j++) {
            Token t = tn.token(j);
            if (t.text().length() == 4 && t.isNumber() && t.number() >= 1920 && t.number() <= 2039) {
                return null;
            }
        }
        return new Span(i, i + 1, List.of(), List.of(number.number()));
    }

    /** Whether word {@code i} may start or continue a marker: not already read as something stronger. */
    private static boolean open(TokenizedName tn, int i) {
        Tag tag = tn.tags[i];
        return tag == null || tag.weak() || tag.kind() == TokenKind.VERSION;
    }

    private static Span sForm(TokenizedName tn, int i) {
        String w = tn.lower(i);
        if (w.length() < 2 || w.charAt(0) != 's' || !digit(w, 1)) {
            return null;
        }
        int p = 1;
        int sEnd = digitsEnd(w, p);
        if (sEnd - p > 4) {
            return null;
        }
        int season = Integer.parseInt(w.substring(p, sEnd));
        List<Integer> seasons = new ArrayList<>(2);
        List<Integer> episodes = new ArrayList<>(2);
        if (sEnd == w.length()) {
            if (sEnd - p == 4 && w.charAt(1) == '0') {
                seasons.add(Integer.parseInt(w.substring(1, 3)));
                episodes.add(Integer.parseInt(w.substring(3, 5)));
                return continueEpisodes(tn, i, i, seasons, episodes);
            }
            if (season > MAX_SEASON_ONLY && !(season >= 1950 && season <= 2039)) {
                return null;
            }
            if (i == tn.count - 1 && tn.token(i).hyphenJoined()) {
                return null; // -S8 at the very end is a group, not season 8
            }
            seasons.add(season);
            return continueSeasonOnly(tn, i, seasons);
        }
        seasons.add(season);
        p = sEnd;
        char c = w.charAt(p);
        if (c == 'd' && digit(w, p + 1) && digitsEnd(w, p + 1) == w.length()) {
            return continueSeasonOnly(tn, i, seasons);
        }
        if (!readEpisodes(w, p, episodes)) {
            return null;
        }
        return continueEpisodes(tn, i, i, seasons, episodes);
    }

    /** Reads {@code E02}, {@code E02E03}, {@code EP02}, {@code E01b}, {@code x02} from position {@code p}. */
    private static boolean readEpisodes(String w, int p, List<Integer> episodes) {
        int n = w.length();
        while (p < n) {
            char c = w.charAt(p);
            if (c == 'e' || c == 'x') {
                p++;
                if (p < n && w.charAt(p) == 'p') {
                    p++;
                }
                if (!digit(w, p)) {
                    return false;
                }
                int end = digitsEnd(w, p);
                if (end - p > 4) {
                    return false;
                }
                episodes.add(Integer.parseInt(w.substring(p, end)));
                p = end;
            } else if (!episodes.isEmpty() && p == n - 1 && c >= 'a' && c <= 'd') {
                p++;
            } else if (!episodes.isEmpty() && c == 'v' && digit(w, p + 1) && digitsEnd(w, p + 1) == n) {
                p = n;
            } else {
                return false;
            }
        }
        return !episodes.isEmpty();
    }

    private static Span continueSeasonOnly(TokenizedName tn, int i, List<Integer> seasons) {
        int last = i;
        List<Integer> episodes = new ArrayList<>(2);
        while (last + 1 < tn.count && open(tn, last + 1)) {
            Token next = tn.token(last + 1);
            String w = next.lower();
            Integer s = seasonOnly(w);
            if (s != null) {
                if (next.hyphenJoined()) {
                    addRange(seasons, s);
                } else {
                    seasons.add(s);
                }
                last++;
                continue;
            }
            int previous = seasons.get(seasons.size() - 1);
            if (next.isNumber() && next.hyphenJoined() && w.length() <= 2 && next.number() > previous) {
                addRange(seasons, next.number()); // S01-03: seasons 1 to 3
                last++;
                continue;
            }
            boolean join = AND_WORDS.contains(w) || TO_WORDS.contains(w);
            if (join && last + 2 < tn.count && open(tn, last + 2)) {
                Integer joined = seasonOnly(tn.lower(last + 2));
                if (joined != null && joined > previous) {
                    if (TO_WORDS.contains(w)) {
                        addRange(seasons, joined);
                    } else {
                        seasons.add(joined);
                    }
                    last += 2;
                    continue;
                }
            }
            if (w.startsWith("e") && readEpisodes(w, 0, episodes)) {
                return continueEpisodes(tn, i, last + 1, seasons, episodes);
            }
            int[] episodeWord = episodeWordNumber(tn, last + 1, true);
            if (episodeWord != null && !w.equals("e")) {
                episodes.add(episodeWord[0]); // S02.Folge.5, S02.Episode.5
                return continueEpisodes(tn, i, episodeWord[1], seasons, episodes);
            }
            if ((w.equals("e") || w.equals("ep"))
                    && last + 2 < tn.count
                    && tn.token(last + 2).isNumber()
                    && tn.token(last + 2).text().length() <= 4) {
                episodes.add(tn.token(last + 2).number());
                return continueEpisodes(tn, i, last + 2, seasons, episodes);
            }
            if (next.isNumber()
                    && w.length() <= 3
                    && (next.sepBefore() == '.' || next.dashBreak())
                    && seasons.size() == 1) {
                episodes.add(next.number());
                return continueEpisodes(tn, i, last + 1, seasons, episodes);
            }
            break;
        }
        return new Span(i, last, seasons, episodes);
    }

    private static Integer seasonOnly(String w) {
        if (w.length() >= 2 && w.length() <= 3 && w.charAt(0) == 's' && digitsEnd(w, 1) == w.length()) {
            return Integer.parseInt(w.substring(1));
        }
        return null;
    }

    /** Extends a marker with further episodes: ranges, lists and repeated markers of the same season. */
    private static Span continueEpisodes(
            TokenizedName tn, int first, int last, List<Integer> seasons, List<Integer> episodes) {
        while (last + 1 < tn.count && open(tn, last + 1)) {
            Token next = tn.token(last + 1);
            String w = next.lower();
            char sep = next.sepBefore();
            Integer number = episodeNumber(w);
            if (number != null && next.hyphenJoined()) {
                int previous = episodes.isEmpty() ? -1 : episodes.get(episodes.size() - 1);
                if (number <= previous || number - previous > MAX_RANGE) {
                    break;
                }
                addRange(episodes, number);
                last++;
            } else if (number != null && !next.isNumber() && (sep == '.' || sep == '+' || sep == '&' || sep == '_')) {
                episodes.add(number);
                last++;
            } else if (next.isNumber() && w.length() <= 3 && (sep == '+' || sep == '&')) {
                episodes.add(next.number());
                last++;
            } else if (sameSeason(w, seasons)) {
                List<Integer> more = new ArrayList<>(2);
                int p = w.charAt(0) == 's' ? digitsEnd(w, 1) : digitsEnd(w, 0);
                if (!readEpisodes(w, p, more)) {
                    break;
                }
                episodes.addAll(more);
                last++;
            } else if ((AND_WORDS.contains(w) || TO_WORDS.contains(w))
                    && last + 2 < tn.count
                    && open(tn, last + 2)
                    && !episodes.isEmpty()) {
                List<Integer> more = joinedEpisodes(tn.lower(last + 2), seasons);
                int previous = episodes.get(episodes.size() - 1);
                if (more.isEmpty() || more.get(0) <= previous) {
                    break;
                }
                if (TO_WORDS.contains(w) && more.size() == 1) {
                    addRange(episodes, more.get(0));
                } else {
                    episodes.addAll(more);
                }
                last += 2;
            } else {
                break;
            }
        }
        return new Span(first, last, seasons, episodes);
    }

    /**
     * The episodes of the marker after a joining word: another {@code SxxEyy} or {@code NxM} of the same season, or
     * an {@code Eyy} ({@code S02E03.and.E04}); bare numbers are not read, they may start a title.
     */
    private static List<Integer> joinedEpisodes(String w, List<Integer> seasons) {
        List<Integer> more = new ArrayList<>(2);
        if (sameSeason(w, seasons)) {
            int p = w.charAt(0) == 's' ? digitsEnd(w, 1) : digitsEnd(w, 0);
            if (!readEpisodes(w, p, more)) {
                more.clear();
            }
        } else if (w.startsWith("e") && !Token.digitsOnly(w) && episodeNumber(w) != null) {
            more.add(episodeNumber(w));
        }
        return more;
    }

    /** @return the number of {@code E05}, {@code EP05} or {@code 05}, or {@code null} */
    private static Integer episodeNumber(String w) {
        int p = 0;
        if (w.startsWith("ep")) {
            p = 2;
        } else if (w.startsWith("e")) {
            p = 1;
        }
        if (!digit(w, p)) {
            return null;
        }
        int end = digitsEnd(w, p);
        if (end != w.length() || end - p > 4) {
            return null;
        }
        return Integer.parseInt(w.substring(p, end));
    }

    /** Whether {@code w} is another {@code SxxEyy} or {@code NxM} marker of the (single) season already read. */
    private static boolean sameSeason(String w, List<Integer> seasons) {
        if (seasons.size() != 1 || w.isEmpty()) {
            return false;
        }
        int p = w.charAt(0) == 's' ? 1 : 0;
        int end = digitsEnd(w, p);
        if (end == p || end >= w.length() || end - p > 4) {
            return false;
        }
        char c = w.charAt(end);
        return (c == 'e' || c == 'x') && Integer.parseInt(w.substring(p, end)) == seasons.get(0);
    }

    private static Span xForm(TokenizedName tn, int i) {
        String w = tn.lower(i);
        int sEnd = digitsEnd(w, 0);
        if (sEnd == 0 || sEnd > 4 || sEnd >= w.length() || w.charAt(sEnd) != 'x' || !digit(w, sEnd + 1)) {
            return null;
        }
        List<Integer> seasons = new ArrayList<>(1);
        seasons.add(Integer.parseInt(w.substring(0, sEnd)));
        List<Integer> episodes = new ArrayList<>(2);
        if (!readEpisodes(w, sEnd, episodes) || episodes.get(0) > 999) {
            return null;
        }
        return continueEpisodes(tn, i, i, seasons, episodes);
    }

    private static Span seasonWord(TokenizedName tn, int i) {
        String w = tn.lower(i);
        String word = seasonWordPrefix(w);
        if (word == null) {
            return null;
        }
        List<Integer> seasons = new ArrayList<>(2);
        int last = i;
        if (w.length() > word.length()) {
            String rest = w.substring(word.length());
            Integer n = leadingNumber(rest);
            if (n == null) {
                return null;
            }
            seasons.add(n);
        } else {
            if (i + 1 >= tn.count || !open(tn, i + 1)) {
                return null;
            }
            Integer n = leadingNumber(tn.lower(i + 1));
            if (n == null || tn.lower(i + 1).length() > 5) {
                return null;
            }
            seasons.add(n);
            last = i + 1;
        }
        last = seasonList(tn, last, seasons);
        List<Integer> episodes = new ArrayList<>(2);
        if (last + 1 < tn.count && open(tn, last + 1)) {
            String e = tn.lower(last + 1);
            Integer ofN = nOfM(e);
            int[] episodeWord = episodeWordNumber(tn, last + 1, true);
            if (episodeWord != null) {
                episodes.add(episodeWord[0]);
                return continueEpisodes(tn, i, episodeWord[1], seasons, episodes);
            } else if (tn.token(last + 1).dashBreak() && tn.token(last + 1).isNumber() && e.length() <= 4) {
                episodes.add(tn.token(last + 1).number()); // [Grp] Show Season 2 - 05
                return continueEpisodes(tn, i, last + 1, seasons, episodes);
            } else if (ofN != null) {
                episodes.add(ofN);
                return new Span(i, last + 1, seasons, episodes);
            } else if (e.startsWith("e") && episodeNumber(e) != null) {
                episodes.add(episodeNumber(e));
                return continueEpisodes(tn, i, last + 1, seasons, episodes);
            }
        }
        return new Span(i, last, seasons, episodes);
    }

    /**
     * Season words, singular and plural, in the languages scene and P2P names use: English, French, Dutch, Italian,
     * Spanish/Portuguese, German, Polish/Czech/Russian (transliterated), Croatian/Serbian, Swedish, Danish, Norwegian,
     * Finnish, Hungarian.
     */
    private static final String[] SEASON_WORDS = {
        "seasons",
        "season",
        "saisons",
        "saison",
        "seizoenen",
        "seizoen",
        "stagioni",
        "stagione",
        "temporadas",
        "temporada",
        "tem",
        "staffeln",
        "staffel",
        "sezony",
        "sezona",
        "sezon",
        "sasong",
        "säsong",
        "saesong",
        "saeson",
        "sæson",
        "sesong",
        "kausi",
        "evad",
        "évad"
    };

    /**
     * Episode words written before the number: {@code Episode.5}, {@code Folge.5}, {@code Capitulo.5},
     * {@code Odcinek.5}, {@code Avsnitt.5}, {@code Afsnit.5}, {@code Aflevering.5}, {@code Jakso.5},
     * {@code Epizoda.5}, {@code Epizod.5}, {@code Bolum.5}, {@code Seriya.5}.
     */
    private static final String[] EPISODE_WORDS = {
        "episodes", "episode", "episodios", "episodio", "épisode", "eps", "ep", "folge", "folgen", "capitulos",
        "capitulo", "capítulo", "odcinek", "odc", "avsnitt", "afsnit", "aflevering", "afl", "jakso", "epizoda",
        "epizod", "bolum", "bölüm", "seriya", "seriia", "serija", "e"
    };

    /** Episode words that also stand alone before a number, without a season word or marker before them. */
    private static final Set<String> STANDALONE_EPISODE_WORDS = Set.of(
            "episode",
            "episodio",
            "épisode",
            "eps",
            "ep",
            "folge",
            "capitulo",
            "capítulo",
            "odcinek",
            "avsnitt",
            "afsnit",
            "aflevering",
            "jakso",
            "epizoda",
            "epizod",
            "bolum",
            "bölüm",
            "seriya",
            "seriia",
            "serija");

    /** Season words written after the number, as Russian and Polish names do: {@code 8.sezon}, {@code 2.sez}. */
    private static final Set<String> SEASON_AFTER_NUMBER = Set.of("sezon", "sez", "sezona");

    /** Episode words written after the number: {@code 21.ser}, {@code 08.seriya}. */
    private static final Set<String> EPISODE_AFTER_NUMBER = Set.of("ser", "seriya", "seriia", "serija", "seria");

    /** @return the season word {@code w} starts with when only digits (or nothing) follow it, else {@code null} */
    private static String seasonWordPrefix(String w) {
        for (String word : SEASON_WORDS) {
            if (w.startsWith(word) && (w.length() == word.length() || digit(w, word.length()))) {
                return word;
            }
        }
        return null;
    }

    /**
     * Reads further seasons after the first of a season word: {@code 1-3}, {@code 1&2}, {@code 1.2.3} (ascending by
     * one), {@code 1.and.2}, {@code 1.to.4}.
     *
     * @return the index of the last word read
     */
    private static int seasonList(TokenizedName tn, int last, List<Integer> seasons) {
        while (last + 1 < tn.count && open(tn, last + 1)) {
            Token next = tn.token(last + 1);
            int previous = seasons.get(seasons.size() - 1);
            if (next.isNumber() && next.text().length() <= 2) {
                if (next.hyphenJoined()) {
                    addRange(seasons, next.number());
                } else if (next.sepBefore() == '&' || next.number() == previous + 1 && listEnds(tn, last + 2)) {
                    seasons.add(next.number());
                } else {
                    break;
                }
                last++;
                continue;
            }
            String w = next.lower();
            boolean to = TO_WORDS.contains(w);
            if ((to || AND_WORDS.contains(w))
                    && last + 2 < tn.count
                    && open(tn, last + 2)
                    && tn.token(last + 2).isNumber()
                    && tn.token(last + 2).text().length() <= 2
                    && tn.token(last + 2).number() > previous) {
                if (to) {
                    addRange(seasons, tn.token(last + 2).number());
                } else {
                    seasons.add(tn.token(last + 2).number());
                }
                last += 2;
                continue;
            }
            break;
        }
        return last;
    }

    /** Whether a dotted season list ({@code Season.1.2.3}) may end before word {@code j}: a technical word, the end. */
    private static boolean listEnds(TokenizedName tn, int j) {
        return j >= tn.count
                || tn.tags[j] != null && !tn.tags[j].weak()
                || tn.token(j).isNumber();
    }

    /**
     * An episode word with its number, glued ({@code Episode5}, {@code Folge12}) or as the next word
     * ({@code Episodio.5}).
     *
     * @param afterSeason whether a season was read just before (then every episode word counts, else only the
     *                    standalone ones)
     * @return {number, index of the last word}, or {@code null}
     */
    private static int[] episodeWordNumber(TokenizedName tn, int j, boolean afterSeason) {
        String w = tn.lower(j);
        for (String word : EPISODE_WORDS) {
            if (!w.startsWith(word) || !afterSeason && !STANDALONE_EPISODE_WORDS.contains(word)) {
                continue;
            }
            if (w.length() == word.length()) {
                if (word.equals("e") || j + 1 >= tn.count || !open(tn, j + 1)) {
                    return null;
                }
                Token number = tn.token(j + 1);
                return number.isNumber() && number.text().length() <= 4 ? new int[] {number.number(), j + 1} : null;
            }
            Integer n = leadingNumber(w.substring(word.length()));
            if (n != null && digitsEnd(w, word.length()) == w.length()) {
                return new int[] {n, j};
            }
        }
        return null;
    }

    /**
     * Russian and Polish order, number first: {@code 8.sez.21.ser}, {@code 2.sezon.5.seriya}, {@code 08.seriya}.
     */
    private static Span numberThenWord(TokenizedName tn, int i) {
        if (i + 1 >= tn.count || !tn.token(i).isNumber() || tn.token(i).text().length() > 3 || !open(tn, i + 1)) {
            return null;
        }
        String word = tn.lower(i + 1);
        List<Integer> seasons = new ArrayList<>(1);
        List<Integer> episodes = new ArrayList<>(1);
        int last = i + 1;
        if (SEASON_AFTER_NUMBER.contains(word)) {
            seasons.add(tn.token(i).number());
            if (last + 2 < tn.count
                    && open(tn, last + 1)
                    && open(tn, last + 2)
                    && tn.token(last + 1).isNumber()
                    && EPISODE_AFTER_NUMBER.contains(tn.lower(last + 2))) {
                episodes.add(tn.token(last + 1).number());
                last += 2;
            }
        } else if (EPISODE_AFTER_NUMBER.contains(word) && !word.equals("ser")) {
            episodes.add(tn.token(i).number());
        } else {
            return null;
        }
        return new Span(i, last, seasons, episodes);
    }

    private static Span episodeWord(TokenizedName tn, int i) {
        String w = tn.lower(i);
        List<Integer> episodes = new ArrayList<>(2);
        int last = i;
        String digits = null;
        int[] word = episodeWordNumber(tn, i, false);
        if (word != null) {
            digits = String.valueOf(word[0]);
            last = word[1];
        } else {
            for (String prefix : new String[] {"episode", "ep", "e"}) {
                if (w.startsWith(prefix) && w.length() > prefix.length() && digit(w, prefix.length())) {
                    String rest = w.substring(prefix.length());
                    int end = digitsEnd(rest, 0);
                    boolean version = end < rest.length()
                            && rest.charAt(end) == 'v'
                            && digitsEnd(rest, end + 1) == rest.length()
                            && end + 1 < rest.length();
                    if ((end == rest.length() || version) && end <= 4) {
                        digits = rest.substring(0, end);
                    }
                    break;
                }
            }
        }
        if (digits == null) {
            return null;
        }
        episodes.add(Integer.parseInt(digits));
        return continueEpisodes(tn, i, last, new ArrayList<>(1), episodes);
    }

    private static void addRange(List<Integer> values, int end) {
        int start = values.isEmpty() ? end : values.get(values.size() - 1);
        if (end <= start || end - start > MAX_RANGE) {
            if (end != start) {
                values.add(end);
            }
            return;
        }
        for (int v = start + 1; v <= end; v++) {
            values.add(v);
        }
    }

    /** @return N of {@code NofM} ({@code 3of9}), or {@code null} */
    static Integer nOfM(String w) {
        int end = digitsEnd(w, 0);
        if (end == 0 || end > 3 || !w.startsWith("of", end)) {
            return null;
        }
        int m = digitsEnd(w, end + 2);
        return m > end + 2 && m == w.length() && m - end - 2 <= 3 ? Integer.valueOf(w.substring(0, end)) : null;
    }

    private static Integer leadingNumber(String s) {
        int end = digitsEnd(s, 0);
        if (end == 0 || end > 4) {
            return null;
        }
        return Integer.parseInt(s.substring(0, end));
    }

    private static boolean digit(String w, int p) {
        return p < w.length() && w.charAt(p) >= '0' && w.charAt(p) <= '9';
    }

    private static int digitsEnd(String w, int p) {
        while (p < w.length() && w.charAt(p) >= '0' && w.charAt(p) <= '9') {
            p++;
        }
        return p;
    }
}
