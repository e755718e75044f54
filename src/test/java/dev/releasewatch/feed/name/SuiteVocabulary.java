package dev.releasewatch.feed.name;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the values of {@link ParsedRelease} into the vocabulary of each public parser test suite the corpus was
 * taken from, and normalises both sides for comparison (case, punctuation, spelling variants).
 *
 * <p>Only vocabularies are mapped here: what each suite calls a source or a codec, and how it writes a title or a
 * resolution. Nothing looks at individual names.
 */
final class SuiteVocabulary {

    private static final Pattern DIMENSIONS = Pattern.compile("(\\d{3,4})x(\\d{3,4})");
    private static final Pattern SONARR_MARKER =
            Pattern.compile("(?i)(s\\d{1,4}(e|\\b|\\.)|\\d{1,2}x\\d|[._]\\d{3}[._-]|[._]0\\d{3}[._-]|[._]\\d{5}[._-])");

    private SuiteVocabulary() {}

    /** @return the short suite id of a corpus row's {@code source}, e.g. {@code guessit}, {@code sonarr} */
    static String suite(String source) {
        String owner = source.substring(0, source.indexOf(':')).toLowerCase(Locale.ROOT);
        if (owner.startsWith("guessit")) {
            return "guessit";
        }
        if (owner.startsWith("sonarr")) {
            return "sonarr";
        }
        if (owner.startsWith("radarr")) {
            return "radarr";
        }
        if (owner.startsWith("thcolin")) {
            return "thcolin";
        }
        if (owner.startsWith("pr0pz")) {
            return "pr0pz";
        }
        if (owner.startsWith("thebeastlt")) {
            return "thebeastlt";
        }
        if (owner.startsWith("divijbindlish")) {
            return "ptn";
        }
        return "ptt";
    }

    /** Lower case, letters and digits only. */
    static String basic(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(s.length());
        s.toLowerCase(Locale.ROOT)
                .codePoints()
                .filter(Character::isLetterOrDigit)
                .forEach(sb::appendCodePoint);
        return sb.length() == 0 ? null : sb.toString();
    }

    /** Lower case, every run of non-alphanumerics collapsed into one space. */
    static String words(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        for (int cp : s.toLowerCase(Locale.ROOT).codePoints().toArray()) {
            if (Character.isLetterOrDigit(cp)) {
                if (space && sb.length() > 0) {
                    sb.append(' ');
                }
                sb.appendCodePoint(cp);
                space = false;
            } else {
                space = true;
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    // ---- group ------------------------------------------------------------------------------------------------

    /** Groups are compared without a trailing tracker tag ({@code LOL[ettv]}); pr0pz writes no group as NOGRP. */
    static String group(String suite, String group) {
        if (group == null) {
            return null;
        }
        String g = group.replaceAll("\\[[^\\]]*\\]$", "");
        if (suite.equals("pr0pz") && g.equals("NOGRP")) {
            return null;
        }
        return basic(g);
    }

    // ---- type -------------------------------------------------------------------------------------------------

    /** pr0pz derives its type from its category: Movie → movie, TV → episode, anything else → other. */
    static String type(String suite, ParsedRelease r) {
        if (suite.equals("pr0pz")) {
            return switch (r.category()) {
                case MOVIE -> "movie";
                case TV -> "episode";
                default -> "other";
            };
        }
        return switch (r.type()) {
            case MOVIE, EPISODE -> r.type().label();
            default -> "other";
        };
    }

    // ---- title ------------------------------------------------------------------------------------------------

    /**
     * Sonarr's series title keeps a year written before the episode marker ({@code Series Title 2010}), but not the
     * year of an air date ({@code Series.2010.10.11}).
     */
    static String title(String suite, ParsedRelease r) {
        String title = r.title();
        boolean yearOfDate = r.date() != null && r.year() != null && r.date().getYear() == r.year();
        if (suite.equals("sonarr") && title != null && r.year() != null && !yearOfDate) {
            String name = r.name();
            int yearAt = name.indexOf(String.valueOf(r.year()));
            Matcher m = SONARR_MARKER.matcher(name);
            int markerAt = m.find() ? m.start() : name.length();
            if (yearAt >= 0 && yearAt < markerAt) {
                title = title + " " + r.year();
            }
        }
        return words(title);
    }

    // ---- resolution -------------------------------------------------------------------------------------------

    static String expectedResolution(String value) {
        if (value == null) {
            return null;
        }
        String v = value.toLowerCase(Locale.ROOT);
        Matcher m = DIMENSIONS.matcher(v);
        if (m.matches()) {
            return Integer.parseInt(m.group(2)) + "p";
        }
        return v.equals("4k") ? "2160p" : v;
    }

    /** Sonarr and Radarr file interlaced video under the progressive tier ({@code 1080i} → {@code 1080p}). */
    static String resolution(String suite, ParsedRelease r) {
        String res = r.resolution();
        if (res != null && (suite.equals("sonarr") || suite.equals("radarr"))) {
            res = res.replace('i', 'p');
        }
        return res == null ? null : res.toLowerCase(Locale.ROOT);
    }

    // ---- source -----------------------------------------------------------------------------------------------

    /** The literal-token suites (PTT, TheBeastLT, PTN, pr0pz) spell some sources with a rip or mux suffix. */
    static String expectedSource(String suite, String value) {
        String v = basic(value);
        if (v == null || suite.equals("guessit") || suite.equals("sonarr") || suite.equals("radarr")) {
            return v;
        }
        return switch (v) {
            case "hdtvrip" -> "hdtv";
            case "webdlmux" -> "webdl";
            default -> v;
        };
    }

    /** Our source (and the REMUX flag and resolution where a suite's tiers depend on them) in the suite's terms. */
    static String source(String suite, ParsedRelease r) {
        String s = r.source();
        if (s == null) {
            return null;
        }
        boolean remux = r.hasFlag("REMUX");
        String family = family(s);
        return switch (suite) {
            case "guessit" ->
                switch (s) {
                    case "WEB", "WEB-DL", "WEBRip" -> "web";
                    case "UHD-BluRay" -> "ultrahdbluray";
                    case "PDTV", "SDTV" -> "digitaltv";
                    case "DSR" -> "satellite";
                    case "AHDTV" -> "analoghdtv";
                    case "DM" -> "digitalmaster";
                    case "HDCAM" -> "hdcamera";
                    case "CAM" -> "camera";
                    case "HDTS" -> "hdtelesync";
                    case "TS" -> "telesync";
                    case "TC" -> "telecine";
                    case "TVRip" -> "tv";
                    case "HDTV" -> "hdtv";
                    default -> family;
                };
            case "sonarr" ->
                switch (family) {
                    case "tv" ->
                        "1080i".equals(r.resolution()) && "MPEG-2".equals(r.codec()) ? "televisionraw" : "television";
                    case "web" -> s.equals("WEBRip") ? "webrip" : "web";
                    case "bluray" ->
                        remux && ("1080p".equals(r.resolution()) || "2160p".equals(r.resolution()))
                                ? "blurayraw"
                                : "bluray";
                    default -> family;
                };
            case "radarr" ->
                switch (family) {
                    case "web" -> s.equals("WEBRip") ? "webrip" : "webdl";
                    case "camera" -> "cam";
                    default -> family;
                };
            case "thcolin" ->
                switch (s) {
                    case "BDRip", "BRRip" -> "bdrip";
                    case "WEB", "WEB-DL", "WEBRip" -> "webdl";
                    case "UHD-BluRay" -> "bluray";
                    default -> basic(s);
                };
            case "pr0pz" ->
                switch (s) {
                    case "WEB", "WEB-DL", "WEBRip" -> "web";
                    case "UHD-BluRay" -> "uhdbd";
                    case "BRRip" -> "bdrip";
                    case "SCR" -> "screener";
                    default -> basic(s);
                };
            case "thebeastlt" ->
                switch (s) {
                    case "WEB" -> null;
                    case "TS", "HDTS" -> "telesync";
                    case "TC" -> "telecine";
                    case "DVDSCR" -> "scr";
                    case "BluRay", "UHD-BluRay" -> remux ? "blurayremux" : "bluray";
                    default -> basic(s);
                };
            default -> s.equals("UHD-BluRay") ? "bluray" : basic(s);
        };
    }

    /** The coarse families Sonarr, Radarr and guessit file sources under. */
    private static String family(String s) {
        return switch (s) {
            case "WEB", "WEB-DL", "WEBRip" -> "web";
            case "BluRay", "BDRip", "BRRip", "HD-DVD", "UHD-BluRay" -> "bluray";
            case "DVD", "DVDR", "DVDRip", "DVDSCR" -> "dvd";
            case "HDTV", "PDTV", "SDTV", "DSR", "TVRip", "AHDTV", "PPV" -> "tv";
            case "CAM", "HDCAM" -> "camera";
            case "TS", "HDTS" -> "telesync";
            default -> basic(s);
        };
    }

    // ---- category ---------------------------------------------------------------------------------------------

    /** pr0pz's category names in terms of {@link Category}. */
    static String expectedCategory(String value) {
        return switch (value) {
            case "ABook" -> "ABOOK";
            case "App" -> "APP";
            case "Bookware", "eBook" -> "EBOOK";
            case "MusicVideo" -> "MVID";
            case "Sports" -> "SPORT";
            default -> value.toUpperCase(Locale.ROOT);
        };
    }

    // ---- codec ------------------------------------------------------------------------------------------------

    /** Codec families: {@code x264}, {@code H.264} and {@code AVC} are one codec; likewise for HEVC. */
    static String codecFamily(String value) {
        String v = basic(value);
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "x264", "h264", "avc" -> "h264";
            case "x265", "h265", "hevc" -> "h265";
            case "x266", "h266", "vvc" -> "h266";
            default -> v;
        };
    }

    /** pr0pz reports the disc format of DVD releases in its codec field ({@code DVDR}). */
    static String codec(String suite, ParsedRelease r) {
        if (r.codec() == null && suite.equals("pr0pz") && "DVDR".equals(r.source())) {
            return "dvdr";
        }
        return codecFamily(r.codec());
    }
}
