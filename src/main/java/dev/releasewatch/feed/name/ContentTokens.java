package dev.releasewatch.feed.name;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.releasewatch.feed.name.TokenKind.ANIME;
import static dev.releasewatch.feed.name.TokenKind.AUDIOBOOK;
import static dev.releasewatch.feed.name.TokenKind.EBOOK;
import static dev.releasewatch.feed.name.TokenKind.MUSIC;
import static dev.releasewatch.feed.name.TokenKind.PLATFORM;
import static dev.releasewatch.feed.name.TokenKind.SOFTWARE;
import static dev.releasewatch.feed.name.TokenKind.XXX;

/**
 * Words that tell what a release is rather than how it was encoded: console platforms, software and e-book
 * markers, music formats, adult and anime tags, and the leagues that open sports names.
 */
final class ContentTokens {

    private static final Map<String, Tag> WORDS = new HashMap<>(256);
    /** First words of sports broadcasts: {@code NFL.2021.09.26...}, {@code Formula1.2023...}. */
    private static final Set<String> LEAGUES = Set.of(
            "nfl",
            "nba",
            "nhl",
            "mlb",
            "mls",
            "ufc",
            "wwe",
            "wwf",
            "tna",
            "aew",
            "formula1",
            "formula.1",
            "f1",
            "motogp",
            "moto2",
            "moto3",
            "dtm",
            "nascar",
            "indycar",
            "uefa",
            "epl",
            "bundesliga",
            "laliga",
            "seriea",
            "ligue1",
            "fifa",
            "ncaa",
            "pga",
            "atp",
            "wta",
            "boxing",
            "wrc",
            "superbike",
            "sbk",
            "premier.league",
            "efl",
            "afl",
            "nrl",
            "rugby",
            "cricket",
            "ipl",
            "bellator",
            "pfl",
            "golf",
            "tennis",
            "cycling",
            "tour.de.france",
            "olympics",
            "wimbledon",
            "premiership");

    static {
        put(
                PLATFORM,
                false,
                "nsw",
                "ps2",
                "ps3",
                "ps4",
                "ps5",
                "psp",
                "psv",
                "psvita",
                "wii",
                "wiiu",
                "ngc",
                "nds",
                "3ds",
                "x360",
                "xbox",
                "xbox360",
                "xboxone",
                "xone",
                "xbsx",
                "ngage",
                "gba",
                "dreamcast",
                "dox");
        put(PLATFORM, true, "switch", "pc", "gc");
        put(
                SOFTWARE,
                false,
                "win",
                "win32",
                "win64",
                "winall",
                "win7",
                "win10",
                "win11",
                "winxp",
                "x86",
                "macos",
                "macosx",
                "osx",
                "linux",
                "android",
                "keygen",
                "keymaker",
                "keyfilemaker",
                "keyfile",
                "activator",
                "preactivated",
                "unlocked",
                "cracked",
                "multilingual",
                "symbianos",
                "regged",
                "incl.keygen",
                "winnt",
                "win9x",
                "unix",
                "ipad",
                "iphone");
        put(
                SOFTWARE,
                true,
                "x64",
                "ios",
                "crack",
                "incl",
                "patch",
                "portable",
                "update",
                "serial",
                "plugin",
                "vst",
                "vsti",
                "s60",
                "pda",
                "mac",
                "windows",
                "xp",
                "only");
        put(
                EBOOK,
                false,
                "ebook",
                "epub",
                "pdf",
                "mobi",
                "azw3",
                "azw",
                "cbr",
                "cbz",
                "magazine",
                "magazin",
                "bookware",
                "ebooks");
        put(EBOOK, true, "comic", "comics", "book");
        put(AUDIOBOOK, false, "abook", "audiobook", "audiobooks", "hoerbuch");
        put(MUSIC, false, "mp3", "flac", "wav", "aiff", "bootleg", "mixtape", "discography", "24bit", "16bit");
        put(MUSIC, true, "single", "lp", "ep", "promo", "ost", "sat", "live");
        put(XXX, false, "xxx", "imageset", "imgset");
        put(ANIME, false, "anime", "ova", "oav", "oad", "hentai");
    }

    private ContentTokens() {}

    /**
     * @param word a lower-case word
     * @return its tag, or {@code null}
     */
    static Tag word(String word) {
        return WORDS.get(word);
    }

    /** @return whether the lower-case word is a sports league or series that opens sports broadcast names */
    static boolean isLeague(String word) {
        return LEAGUES.contains(word);
    }

    private static void put(TokenKind kind, boolean weak, String... words) {
        for (String w : words) {
            WORDS.put(w, new Tag(kind, w.toUpperCase(Locale.ROOT), weak));
        }
    }
}
