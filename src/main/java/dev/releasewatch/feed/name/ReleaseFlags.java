package dev.releasewatch.feed.name;

import java.util.HashMap;
import java.util.Map;

/**
 * Scene release flags ({@code PROPER}, {@code REPACK}, {@code iNTERNAL}, fixes) and subtitle and dubbing tags,
 * in their customary scene spelling.
 */
final class ReleaseFlags {

    private static final Map<String, Tag> WORDS = new HashMap<>(128);

    static {
        flag("PROPER", false, "proper");
        flag("REPACK", false, "repack", "rerip");
        flag("REAL", true, "real");
        flag("iNTERNAL", false, "internal");
        flag("DIRFIX", false, "dirfix");
        flag("NFOFIX", false, "nfofix");
        flag("SAMPLEFIX", false, "samplefix");
        flag("PROOFFIX", false, "prooffix");
        flag("SYNCFIX", false, "syncfix");
        flag("SUBFIX", false, "subfix");
        flag("READNFO", false, "readnfo");
        flag("LIMITED", true, "limited");
        flag("RETAIL", false, "retail");
        flag("REENCODED", false, "reencoded", "reenc", "reencode");
        flag("REMUX", false, "remux", "hdremux");
        flag("CONVERT", false, "convert");
        flag("PPV", false, "ppv");
        flag("DUBBED", false, "dubbed", "dub", "mic", "micdubbed", "multidub");
        flag("DUBBED", true, "ld", "md", "line");
        flag("NUKED", true, "nuked");
        subs(
                "SUBBED",
                false,
                "subbed",
                "fansub",
                "multisubs",
                "multisub",
                "subpack",
                "hardsub",
                "hardsubs",
                "subforced",
                "fastsub",
                "ensubbed",
                "legendas",
                "legenda",
                "legendado",
                "subtitles",
                "msubs",
                "esub",
                "esubs",
                "custom.subbed");
        subs("VOSTFR", false, "vostfr", "vost", "subfrench", "fansubfrench", "stfr", "vosta");
        subs("SUBBED", true, "subs", "sub");
    }

    private ReleaseFlags() {}

    /**
     * @param word a lower-case word
     * @return its flag or subtitle tag, or {@code null}
     */
    static Tag word(String word) {
        Tag tag = WORDS.get(word);
        if (tag != null) {
            return tag;
        }
        // NLsubs, HebSubs, SweSub, DKsubs, subtitlefrench: language-prefixed subtitle tags.
        if (word.startsWith("subtitle") || word.startsWith("sub") && LanguageTokens.word(word.substring(3)) != null) {
            return Tag.strong(TokenKind.SUBTITLES, "SUBBED");
        }
        int cut = word.endsWith("subs") ? word.length() - 4 : word.endsWith("sub") ? word.length() - 3 : -1;
        if (cut >= 2 && (LanguageTokens.word(word.substring(0, cut)) != null || word.startsWith("multi"))) {
            return Tag.strong(TokenKind.SUBTITLES, "SUBBED");
        }
        return null;
    }

    /** @return the tag of a joined compound such as {@code read}+{@code nfo} or {@code re}+{@code enc} */
    static Tag compound(String joined) {
        return switch (joined) {
            case "readnfo" -> WORDS.get("readnfo");
            case "reenc" -> WORDS.get("reenc");
            default -> null;
        };
    }

    private static void flag(String value, boolean weak, String... words) {
        Tag tag = new Tag(TokenKind.FLAG, value, weak);
        for (String w : words) {
            WORDS.put(w, tag);
        }
    }

    private static void subs(String value, boolean weak, String... words) {
        Tag tag = new Tag(TokenKind.SUBTITLES, value, weak);
        for (String w : words) {
            WORDS.put(w, tag);
        }
    }
}
