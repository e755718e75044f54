package dev.releasewatch.feed.name;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.releasewatch.feed.name.TokenKind.AUDIO;
import static dev.releasewatch.feed.name.TokenKind.CODEC;
import static dev.releasewatch.feed.name.TokenKind.CONTAINER;
import static dev.releasewatch.feed.name.TokenKind.EDITION;
import static dev.releasewatch.feed.name.TokenKind.MISC;
import static dev.releasewatch.feed.name.TokenKind.PICTURE;
import static dev.releasewatch.feed.name.TokenKind.RESOLUTION;
import static dev.releasewatch.feed.name.TokenKind.SERVICE;
import static dev.releasewatch.feed.name.TokenKind.SOURCE;

/**
 * The technical vocabulary of release names: resolutions, sources, codecs, audio formats, picture properties,
 * editions and streaming services, each mapped to one normalised spelling.
 *
 * <p>Normalised sources: {@code CAM, HDCAM, TS, HDTS, TC, WORKPRINT, SCR, DVDSCR, R5, VHS, DVD, DVDR, DVDRip,
 * TVRip, SDTV, PDTV, DSR, DVB, AHDTV, HDTV, PPV, WEB, WEB-DL, WEBRip, HDRip, DM, HD-DVD, BluRay, BDRip, BRRip,
 * UHD-BluRay, CD, VINYL}. {@code WEB} stays distinct from {@code WEB-DL}: scene rules since 2020 name untouched
 * web downloads plain {@code WEB}, and consumers that care can merge them; merging here would lose information.
 *
 * <p>Words that are also ordinary title words ({@code TS}, {@code DVD}, {@code Web}, {@code DC}) are marked
 * weak; see {@link Tag#weak()}.
 */
final class QualityTokens {

    private static final Map<String, Tag> WORDS = new HashMap<>(1024);
    /** Entries only matched when two or three adjacent words are joined: {@code WEB-DL}, {@code H.264}, ... */
    private static final Map<String, Tag> COMPOUNDS = new HashMap<>(128);
    /** Every proper prefix of a compound key, so that most words are rejected before any string is built. */
    private static final Set<String> COMPOUND_PREFIXES = new HashSet<>(512);

    private static final Set<String> EXTENSIONS = Set.of(
            "mkv", "avi", "mp4", "m4v", "mk3d", "wmv", "iso", "nzb", "torrent", "srt", "idx", "nfo", "rar", "zip",
            "mpg", "mpeg", "mov", "flv", "webm", "ogm", "ts", "m2ts", "divx", "par2", "sfv", "jpg");
    private static final String[] AUDIO_BASES = {
        "ddp", "dd", "aac", "flac", "dts", "mpa", "pcm", "lpcm", "opus", "truehd", "eac3", "ac3", "ma", "mp2"
    };

    static {
        source("CAM", false, "camrip", "newcam", "hqcam");
        source("CAM", true, "cam");
        source("HDCAM", false, "hdcam");
        source("TS", false, "telesync", "tsrip", "pdvd");
        source("TS", true, "ts");
        source("HDTS", false, "hdts");
        source("TC", false, "telecine", "hdtc");
        source("TC", true, "tc");
        source("WORKPRINT", false, "workprint");
        source("SCR", false, "screener", "bdscr");
        source("SCR", true, "scr");
        source("DVDSCR", false, "dvdscr", "dvdscreener");
        source("R5", true, "r5");
        source("VHS", false, "vhs", "vhsrip");
        source("DVD", true, "dvd");
        source("DVD", false, "dvdremux");
        source("DVDR", false, "dvdr", "dvd5", "dvd9", "2dvd5", "2dvd9", "dvdiso", "mdvdr");
        source("DVDRip", false, "dvdrip", "dvdmux", "xvidvd");
        source("TVRip", false, "tvrip");
        source("SDTV", false, "sdtv");
        source("PDTV", false, "pdtv");
        source("DSR", false, "dsr", "dsrip", "dthrip", "satrip", "dvbrip");
        source("DVB", false, "dvb", "dvbs", "dvbc", "dvbt");
        source("AHDTV", false, "ahdtv");
        source("HDTV", false, "hdtv", "hdtvrip", "uhdtv");
        source("PPV", false, "ppvrip");
        source("WEB", true, "web");
        source(
                "WEB-DL",
                false,
                "webdl",
                "webhd",
                "webdlmux",
                "ituneshd",
                "hditunes",
                "amazonhd",
                "amazonuhd",
                "netflixhd",
                "netflixuhd",
                "maxdomehd",
                "disneyhd",
                "hbomaxhd",
                "dsnphd");
        source("WEBRip", false, "webrip", "webmux", "webdlrip", "webcap");
        source("HDRip", false, "hdrip", "hdlight");
        source("HDRip", true, "mhd");
        source("DM", false, "dmrip");
        source("DM", true, "dm");
        source("HD-DVD", false, "hddvd", "hddvdrip");
        source(
                "BluRay",
                false,
                "bluray",
                "mbluray",
                "bdiso",
                "bd25",
                "bd50",
                "bd66",
                "bd100",
                "bdlight",
                "bdremux",
                "brdisk",
                "bdmv",
                "blurayrip",
                "bluraymux");
        source("BluRay", true, "bd");
        source("BDRip", false, "bdrip", "bdmux", "bdripmux", "uhdbdrip");
        source("BRRip", false, "brrip", "brripmux");
        source("UHD-BluRay", false, "uhdbd", "uhdremux", "uhd2bd");
        source("CD", false, "cdm", "cds", "cda", "2cd", "3cd", "4cd", "mp3cd", "cdr");
        source("CD", true, "cd");
        source("VINYL", false, "vinyl", "vls");
        compound(SOURCE, "WEB-DL", "webdl", "webdlmux");
        compound(SOURCE, "WEBRip", "webrip", "webdlrip");
        compound(SOURCE, "BluRay", "bluray");
        compound(SOURCE, "DVDRip", "dvdrip");
        compound(SOURCE, "DVDR", "dvdr", "dvd5", "dvd9");
        compound(SOURCE, "HD-DVD", "hddvd", "hddvdrip");
        compound(SOURCE, "HDTS", "hdts");
        compound(SOURCE, "HDCAM", "hdcam");

        word(CODEC, "x264", false, "x264");
        word(CODEC, "H.264", false, "h264", "avc");
        word(CODEC, "x265", false, "x265");
        word(CODEC, "H.265", false, "h265", "hevc");
        word(CODEC, "H.266", false, "h266", "x266", "vvc");
        word(CODEC, "H.263", false, "h263");
        word(CODEC, "XviD", false, "xvid");
        word(CODEC, "DivX", false, "divx", "dvix");
        word(CODEC, "VC-1", false, "vc1");
        word(CODEC, "MPEG-2", false, "mpeg2");
        word(CODEC, "VP9", false, "vp9");
        word(CODEC, "AV1", false, "av1");
        word(CODEC, "WMV", false, "wmv");
        word(CODEC, "x264", true, "264");
        word(CODEC, "x265", true, "265");
        word(CODEC, "SVCD", false, "svcd");
        word(CODEC, "VCD", false, "vcd");
        compound(CODEC, "H.264", "h264");
        compound(CODEC, "H.265", "h265");
        compound(CODEC, "H.263", "h263");
        compound(CODEC, "H.266", "h266");
        compound(CODEC, "VC-1", "vc1");
        compound(CODEC, "MPEG-2", "mpeg2");

        word(AUDIO, "AC3", false, "ac3", "ac3d", "ac3ld", "ac3md");
        word(AUDIO, "AAC", false, "aac", "aaclc", "aacv2");
        word(AUDIO, "DD", false, "dd", "ddp", "dd+", "ddpa");
        word(AUDIO, "EAC3", false, "eac3");
        word(AUDIO, "DTS", false, "dts", "dtshd", "dtses", "dtsma", "dtsx", "dtshr");
        word(AUDIO, "TrueHD", false, "truehd");
        word(AUDIO, "Atmos", false, "atmos");
        word(AUDIO, "Opus", false, "opus");
        word(AUDIO, "PCM", false, "pcm", "lpcm");
        word(AUDIO, "OGG", false, "ogg", "vorbis");
        word(AUDIO, "MP2", false, "mp2");
        word(AUDIO, "WMA", false, "wma");
        word(AUDIO, "MA", true, "ma", "hra", "hr", "ex", "audio");
        word(AUDIO, "Dolby", true, "dolby");
        compound(AUDIO, "DTS", "dtshd", "dtses", "dtsx", "dtsma", "dtshdma", "dtshdhra", "dtshr");
        compound(AUDIO, "MA", "hdma");
        compound(AUDIO, "EAC3", "eac3");
        compound(AUDIO, "AAC", "heaac", "heaacv2", "aaclc", "aache");
        compound(AUDIO, "AC3", "ac3", "eac3");

        word(RESOLUTION, "2160p", false, "4k", "uhd4k");
        word(RESOLUTION, "4320p", false, "8k");
        word(PICTURE, "UHD", true, "uhd");
        word(PICTURE, "FHD", true, "fhd");
        word(PICTURE, "HD", true, "hd");
        word(PICTURE, "SD", true, "sd");
        word(PICTURE, "10BIT", false, "10bit", "hi10p", "hi10", "10bits");
        word(PICTURE, "8BIT", false, "8bit");
        word(PICTURE, "12BIT", false, "12bit");
        word(PICTURE, "HDR", false, "hdr", "hdr10", "hdr10plus", "hdr10p");
        word(PICTURE, "DV", true, "dv", "dovi");
        word(PICTURE, "DV", true, "vision");
        word(PICTURE, "SDR", false, "sdr");
        word(PICTURE, "3D", true, "3d");
        word(PICTURE, "3D", false, "hsbs", "hou", "sbs", "hou3d", "sbs3d", "mvc");
        word(PICTURE, "HFR", false, "hfr");
        word(PICTURE, "WS", true, "ws", "fs");
        word(PICTURE, "PAL", false, "pal", "ntsc", "secam");
        word(PICTURE, "UPSCALE", false, "upscale", "upscaled", "ai4k");
        word(PICTURE, "BT2020", true, "bt2020", "vfr");
        word(PICTURE, "HQ", true, "hq");
        compound(PICTURE, "3D", "halfou", "halfsbs", "fullsbs", "fullou");
        compound(PICTURE, "10BIT", "10bit");
        compound(PICTURE, "DV", "dolbyvision");
        compound(PICTURE, "BT2020", "bt2020");

        word(EDITION, "EXTENDED", false, "extended");
        word(EDITION, "UNCUT", false, "uncut");
        word(EDITION, "UNRATED", false, "unrated");
        word(EDITION, "UNCENSORED", false, "uncensored");
        word(EDITION, "REMASTERED", false, "remastered");
        word(EDITION, "THEATRICAL", false, "theatrical");
        word(EDITION, "IMAX", false, "imax");
        word(EDITION, "RECUT", false, "recut");
        word(EDITION, "STV", false, "stv");
        word(EDITION, "FESTIVAL", false, "festival");
        word(EDITION, "DOCU", false, "docu", "doku");
        word(EDITION, "DOCU", true, "doc");
        word(EDITION, "DIRECTORS.CUT", true, "dc", "directors", "director", "cut");
        word(EDITION, "SPECIAL.EDITION", true, "se");
        word(EDITION, "EXTENDED", true, "ee");
        word(EDITION, "OPEN.MATTE", true, "om");
        word(EDITION, "CRITERION", true, "criterion", "cc");
        word(EDITION, "RESTORED", true, "restored");
        word(EDITION, "ALTERNATIVE.CUT", true, "alternative");
        word(EDITION, "FINAL", true, "final");
        word(EDITION, "COMPLETE", true, "complete", "complet", "completa", "completo", "komplett", "integrale");
        word(EDITION, "BOXSET", false, "boxset");
        word(EDITION, "HYBRID", true, "hybrid");
        word(EDITION, "CUSTOM", true, "custom");
        word(EDITION, "EXTRAS", true, "extras", "bonus");
        word(EDITION, "EDITION", true, "edition");
        word(EDITION, "SPECIAL", true, "special");
        compound(EDITION, "OPEN.MATTE", "openmatte");
        compound(EDITION, "DIRECTORS.CUT", "directorscut", "directorcut");
        compound(EDITION, "EXTENDED", "extendedcut", "extendededition");

        word(
                SERVICE, "AMZN", false, "amzn", "dsnp", "dsny", "dsnyp", "atvp", "hmax", "pcok", "viki", "dcu", "crav",
                "vrv", "seso", "mnbc", "mbcvod", "itunes", "netflix", "hulu", "pmtp", "roku", "tubi", "hbo");
        word(
                SERVICE, "AMZN", true, "nf", "ip", "it", "cr", "stan", "as", "dtv", "rte", "nbc", "amc", "pbs", "vice",
                "cbs", "ae", "free", "etv", "hc", "dp", "amazon");
        word(CONTAINER, "MP4", false, "mp4", "mkv", "avi", "m2ts");
        word(MISC, "SAMPLE", true, "sample", "proof");
        word(MISC, "ISO", true, "iso");
        word(MISC, "REQ", true, "req", "request");
        for (String other : new String[] {"ptbr", "dualaudio", "readnfo", "reenc"}) {
            addPrefixes(other);
        }
    }

    private QualityTokens() {}

    /**
     * @param word a word in lower case
     * @return the tag of a single word, or {@code null} when the word is not technical vocabulary
     */
    static Tag word(String word) {
        Tag tag = WORDS.get(word);
        if (tag != null) {
            return tag;
        }
        return patterned(word);
    }

    /**
     * @param joined two or three adjacent words in lower case, concatenated without their separators
     * @return the tag of the compound ({@code web}+{@code dl}, {@code h}+{@code 264}), or {@code null}
     */
    static Tag compound(String joined) {
        return COMPOUNDS.get(joined);
    }

    /** @return whether the lower-case word is a file extension that can end a name */
    static boolean isExtension(String word) {
        return EXTENSIONS.contains(word);
    }

    /** Words recognised by shape rather than by spelling: resolutions, sizes, audio with channels, frame rates. */
    private static Tag patterned(String w) {
        int n = w.length();
        if (n < 2 || n > 16) {
            return null;
        }
        String resolution = resolution(w);
        if (resolution != null) {
            return Tag.strong(RESOLUTION, resolution);
        }
        char first = w.charAt(0);
        if (first >= '0' && first <= '9') {
            int digits = leadingDigits(w);
            String rest = w.substring(digits);
            if (rest.equals("mb")
                    || rest.equals("gb")
                    || rest.equals("tb")
                    || rest.equals("mib")
                    || rest.equals("gib")) {
                return Tag.strong(TokenKind.SIZE, w);
            }
            if (rest.equals("fps") || rest.equals("ch") || rest.equals("bit")) {
                return Tag.strong(rest.equals("ch") ? AUDIO : PICTURE, w);
            }
            return null;
        }
        for (String base : AUDIO_BASES) {
            if (w.startsWith(base) && n > base.length()) {
                String rest = w.substring(base.length());
                int digits = leadingDigits(rest);
                if (digits > 0
                        && digits <= 2
                        && (digits == rest.length() || rest.substring(digits).equals("ch"))) {
                    return Tag.strong(AUDIO, base.toUpperCase(Locale.ROOT));
                }
            }
        }
        return null;
    }

    /**
     * @param w a lower-case word
     * @return the normalised resolution the word states ({@code 1080p}, {@code 1280x720} → {@code 720p},
     *         {@code 4kto1080p} → {@code 1080p}, {@code 1080p25} → {@code 1080p}), or {@code null}
     */
    static String resolution(String w) {
        int n = w.length();
        int to = w.indexOf("to");
        if (to > 0 && to + 2 < n && w.charAt(n - 1) == 'p') {
            return resolution(w.substring(to + 2));
        }
        int digits = leadingDigits(w);
        if (digits < 3 || digits > 4) {
            return null;
        }
        int height = Integer.parseInt(w.substring(0, digits));
        if (digits == n) {
            return null;
        }
        char c = w.charAt(digits);
        if ((c == 'p' || c == 'i') && (digits + 1 == n || Token.digitsOnly(w.substring(digits + 1)))) {
            return height >= 240 && height <= 4320 ? height + String.valueOf(c) : null;
        }
        if (c == 'x' && digits + 1 < n) {
            String h = w.substring(digits + 1);
            if (h.length() >= 3 && h.length() <= 4 && Token.digitsOnly(h)) {
                return fromDimensions(height, Integer.parseInt(h));
            }
        }
        return null;
    }

    /** Maps a frame size to the nominal resolution; cinema crops such as 1920x800 still count as 1080p. */
    private static String fromDimensions(int width, int height) {
        if (width < 320 || height < 200) {
            return null;
        }
        if (width >= 3800 || height >= 2000) {
            return "2160p";
        }
        if (width >= 2500 || height >= 1400) {
            return "1440p";
        }
        if (width >= 1900 || height >= 1000) {
            return "1080p";
        }
        if (width >= 1200 || height >= 700) {
            return "720p";
        }
        return height + "p";
    }

    private static int leadingDigits(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static void source(String value, boolean weak, String... words) {
        word(SOURCE, value, weak, words);
    }

    static void word(TokenKind kind, String value, boolean weak, String... words) {
        Tag tag = new Tag(kind, value, weak);
        for (String w : words) {
            WORDS.put(w, tag);
        }
    }

    private static void compound(TokenKind kind, String value, String... joined) {
        Tag tag = Tag.strong(kind, value);
        for (String j : joined) {
            COMPOUNDS.put(j, tag);
            addPrefixes(j);
        }
    }

    /** Registers the prefixes of a compound key defined elsewhere ({@link LanguageTokens}, {@link ReleaseFlags}). */
    static void addPrefixes(String joined) {
        for (int i = 1; i < joined.length(); i++) {
            COMPOUND_PREFIXES.add(joined.substring(0, i));
        }
    }

    /** @return whether a compound term can start with this lower-case word */
    static boolean startsCompound(String word) {
        return COMPOUND_PREFIXES.contains(word);
    }
}
