package dev.releasewatch.feed.synth;

import java.util.Set;
import java.util.SplittableRandom;

/**
 * Invents scene-style group names ({@code KORVEX}, {@code TRiNiTY}-like mixed case, a few with digits) for the tail
 * groups of a section. Seeded from the section name, not the feed's seed, so a section's groups are the same in every
 * generated feed and ground truth can name them.
 */
final class GroupNameGenerator {

    private static final String[] SYLLABLES = {
        "KA", "RO", "VEX", "LI", "NO", "ZE", "TRA", "MO", "DUX", "SI", "FLO", "GRA", "QU", "ON", "ER", "AX", "IN",
        "OR", "UM", "EX", "BY", "TE", "NI", "CA", "DO", "PHO", "RIA", "LUX", "SYN", "TIX", "VO", "ZA", "KRO", "MI",
        "NE", "XO", "BRA", "DEL", "FI", "GO", "HY", "JU", "KE", "LA", "MU", "PA", "RE", "SA", "TU", "WA", "YO"
    };

    private final SplittableRandom rnd;
    private final Set<String> taken;

    /**
     * @param section the section whose groups are being named
     * @param taken   names already in use (updated as names are handed out)
     */
    GroupNameGenerator(final String section, final Set<String> taken) {
        this.rnd = new SplittableRandom(0x6A0B5L * 31 + section.hashCode());
        this.taken = taken;
    }

    String next() {
        while (true) {
            final StringBuilder name = new StringBuilder(10);
            final int syllables = 2 + (rnd.nextInt(4) == 0 ? 1 : 0);
            for (int i = 0; i < syllables; i++) {
                name.append(SYLLABLES[rnd.nextInt(SYLLABLES.length)]);
            }
            String candidate = name.toString();
            final int style = rnd.nextInt(10);
            if (style < 3) {
                candidate = candidate.replace('I', 'i');
            } else if (style == 3) {
                candidate = candidate + (1 + rnd.nextInt(9));
            }
            if (candidate.length() <= 8 && taken.add(candidate)) {
                return candidate;
            }
        }
    }
}
