package dev.releasewatch.feed.name;

import java.util.HashMap;
import java.util.Map;

/**
 * Language words of release names, normalised to upper-case English names ({@code TRUEFRENCH} → {@code FRENCH}).
 *
 * <p>Every language word is weak: {@code The.Good.German}, {@code French.Immersion} and {@code Ejecutiva.En.Apuros}
 * are titles. Full language names still end a title right before a year ({@code Der.Film.German.2011}); two- and
 * three-letter codes never end a title.
 */
final class LanguageTokens {

    private static final Map<String, Tag> WORDS = new HashMap<>(256);

    static {
        lang("ENGLISH", "english", "eng", "en");
        lang("FRENCH", "french", "fre", "fr", "vf", "vff", "vfq", "vfi", "vf2", "francais");
        strong("FRENCH", "truefrench");
        lang("GERMAN", "german", "ger", "de", "deutsch");
        strong("GERMAN", "swissgerman");
        lang("ITALIAN", "italian", "ita");
        lang("SPANISH", "spanish", "spa", "esp", "es", "castellano", "latino");
        lang("DUTCH", "dutch", "nl", "flemish");
        lang("POLISH", "polish", "pl");
        lang("RUSSIAN", "russian", "rus", "ru");
        lang("UKRAINIAN", "ukrainian", "ukr");
        lang("JAPANESE", "japanese", "jap", "jpn", "jp");
        lang("CHINESE", "chinese", "chi", "chs", "cht", "mandarin", "cantonese");
        lang("KOREAN", "korean", "kor");
        lang("SWEDISH", "swedish", "swe");
        lang("NORWEGIAN", "norwegian", "nor");
        lang("DANISH", "danish", "dan", "dk");
        lang("FINNISH", "finnish", "fin");
        lang("ICELANDIC", "icelandic");
        lang("NORDIC", "nordic");
        lang("PORTUGUESE", "portuguese", "por", "pt", "ptbr", "brazilian");
        lang("HINDI", "hindi", "hin");
        lang("TAMIL", "tamil");
        lang("TELUGU", "telugu");
        lang("HUNGARIAN", "hungarian", "hun");
        lang("CZECH", "czech", "cze", "cz");
        lang("SLOVAK", "slovak");
        lang("TURKISH", "turkish", "tur");
        lang("GREEK", "greek");
        lang("HEBREW", "hebrew", "heb");
        lang("ARABIC", "arabic");
        lang("THAI", "thai");
        lang("VIETNAMESE", "vietnamese");
        lang("ROMANIAN", "romanian", "ro");
        lang("DUAL", "dual", "dl");
        strong("MULTI", "multi", "multilang", "multilanguage");
        strong("DUAL", "dublado");
    }

    private LanguageTokens() {}

    /**
     * @param word a lower-case word
     * @return its language tag, or {@code null}
     */
    static Tag word(String word) {
        Tag tag = WORDS.get(word);
        if (tag == null && word.length() <= 7 && word.startsWith("multi") && word.length() > 5) {
            // MULTi5, MULTi12: the number of languages of a multi-language game or film
            return Token.digitsOnly(word.substring(5)) ? WORDS.get("multi") : null;
        }
        return tag;
    }

    /** @return the tag of a joined compound such as {@code pt}+{@code br} or {@code dual}+{@code audio} */
    static Tag compound(String joined) {
        return switch (joined) {
            case "ptbr" -> WORDS.get("ptbr");
            case "dualaudio" -> Tag.strong(TokenKind.LANGUAGE, "DUAL");
            default -> null;
        };
    }

    /**
     * Whether a language word is a full name that ends a title right before a year: {@code Der.Film.German.2011},
     * but not {@code Film.De.2011}.
     */
    static boolean isFullName(String lower) {
        return lower.length() >= 5;
    }

    private static void lang(String value, String... words) {
        Tag tag = Tag.weak(TokenKind.LANGUAGE, value);
        for (String w : words) {
            WORDS.put(w, tag);
        }
    }

    private static void strong(String value, String... words) {
        Tag tag = Tag.strong(TokenKind.LANGUAGE, value);
        for (String w : words) {
            WORDS.put(w, tag);
        }
    }
}
