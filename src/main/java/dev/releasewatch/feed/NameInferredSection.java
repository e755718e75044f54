package dev.releasewatch.feed;

import java.util.Locale;

import dev.releasewatch.feed.name.ParsedRelease;

/**
 * The feed section a release most likely belongs to, inferred from its parsed name, in the vocabulary of
 * the categories the monitor counts (X264, TV-X264, TV-SD, MP3, GAMES, ...). Used only when the feed gives
 * no section or a generic one.
 */
final class NameInferredSection {

    private NameInferredSection() {}

    static String of(ParsedRelease p) {
        String name = p.name() == null ? "" : p.name().toUpperCase(Locale.ROOT);
        boolean hd = p.resolution() != null
                && !p.resolution().equals("480p")
                && !p.resolution().equals("576p");
        boolean hevc = "x265".equals(p.codec()) || "H.265".equals(p.codec());
        return switch (p.category()) {
            case TV -> hevc ? "TV-X265" : hd ? "TV-X264" : "TV-SD";
            case MOVIE -> movie(p, hd, hevc);
            case ANIME -> "ANIME";
            case SPORT -> hd ? "TV-X264" : "TV-SD";
            case MUSIC -> name.contains("FLAC") ? "FLAC" : "MP3";
            case MVID -> "MVID";
            case GAME -> "GAMES";
            case APP -> "APPS";
            case EBOOK -> "EBOOK";
            case ABOOK -> "ABOOK";
            case XXX -> "XXX";
            case OTHER -> Categories.UNKNOWN;
        };
    }

    private static String movie(ParsedRelease p, boolean hd, boolean hevc) {
        if ("DVDR".equals(p.source())) {
            return "DVDR";
        }
        if (p.hasFlag("COMPLETE") && p.source() != null && p.source().contains("BluRay")) {
            return "BLURAY";
        }
        if (hevc || "2160p".equals(p.resolution())) {
            return "X265";
        }
        return hd ? "X264" : "XVID";
    }
}
