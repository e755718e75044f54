package dev.releasewatch.feed.name;

/**
 * One word of a release name, with its position and what separated it from the previous word.
 *
 * @param text         the word as written
 * @param lower        the word in lower case (ASCII and Unicode), used for vocabulary look-ups
 * @param start        index of the first character in the name
 * @param end          index after the last character
 * @param hyphenJoined whether exactly one {@code -} separates it from the previous word ({@code WEB-DL},
 *                     {@code x264-GROUP}, {@code X-Men})
 * @param dashBreak    whether a free-standing dash separates it from the previous word ({@code Show - 12},
 *                     {@code Title_-_Other}, {@code OSS_117--Cairo}); such a dash ends a title
 * @param opener       {@code [} or {@code (} when the word directly follows an opening bracket, else {@code 0}
 * @param closer       {@code ]} or {@code )} when the word is directly followed by a closing bracket, else {@code 0}
 * @param sepBefore    the last separator character before the word ({@code 0} for the first word)
 */
record Token(
        String text,
        String lower,
        int start,
        int end,
        boolean hyphenJoined,
        boolean dashBreak,
        char opener,
        char closer,
        char sepBefore) {

    /** @return whether the word is all ASCII digits */
    boolean isNumber() {
        return digitsOnly(text);
    }

    /** @return the numeric value of a digits-only word of at most 9 digits, else -1 */
    int number() {
        if (text.length() > 9 || !digitsOnly(text)) {
            return -1;
        }
        return Integer.parseInt(text);
    }

    /** @return whether the word stands alone in brackets, e.g. {@code [MPup]} */
    boolean bracketed() {
        return opener != 0 && closer != 0;
    }

    static boolean digitsOnly(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
