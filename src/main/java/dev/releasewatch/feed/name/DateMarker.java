package dev.releasewatch.feed.name;

import java.time.LocalDate;

/**
 * Finds the air date of daily shows: {@code 2020.08.26}, {@code 2020-08-26}, {@code 26.08.2020},
 * {@code 08-26-2020}, {@code 16.01.24} (year first) and, as a last resort, {@code 200826}.
 *
 * <p>Day-first is tried before month-first for dates ending in the year, as European feeds write them; the other
 * order is used when the first reading is not a valid date ({@code 03-29-2012}).
 */
final class DateMarker {

    private static final int MIN_YEAR = 1950;
    private static final int MAX_YEAR = 2039;

    private DateMarker() {}

    /**
     * Tags the first date found at or after {@code from} as {@link TokenKind#DATE}.
     *
     * @return the date, or {@code null}
     */
    static LocalDate find(TokenizedName tn, int from) {
        for (int i = from; i + 2 < tn.count; i++) {
            if (!numeric(tn, i) || !numeric(tn, i + 1) || !numeric(tn, i + 2)) {
                continue;
            }
            char sep = tn.token(i + 1).sepBefore();
            if (!tn.adjacent(i) || !tn.adjacent(i + 1) || tn.token(i + 2).sepBefore() != sep) {
                continue;
            }
            LocalDate date = read(
                    tn.token(i).text(), tn.token(i + 1).text(), tn.token(i + 2).text());
            if (date != null) {
                Tag tag = Tag.strong(TokenKind.DATE, date.toString());
                tn.tags[i] = tag;
                tn.tags[i + 1] = tag;
                tn.tags[i + 2] = tag;
                return date;
            }
        }
        return null;
    }

    /** Reads a six-digit {@code yyMMdd} word ({@code A_Late_Show_140722_720p}); only used when nothing else matched. */
    static LocalDate findCompact(TokenizedName tn, int from, int to) {
        for (int i = Math.max(from, 1); i < to; i++) {
            Token t = tn.token(i);
            if (tn.tags[i] == null && t.text().length() == 6 && t.isNumber()) {
                String w = t.text();
                LocalDate date = date(
                        2000 + Integer.parseInt(w.substring(0, 2)),
                        Integer.parseInt(w.substring(2, 4)),
                        Integer.parseInt(w.substring(4, 6)));
                if (date != null) {
                    tn.tags[i] = Tag.strong(TokenKind.DATE, date.toString());
                    return date;
                }
            }
        }
        return null;
    }

    private static boolean numeric(TokenizedName tn, int i) {
        Tag tag = tn.tags[i];
        return tag == null && tn.token(i).isNumber();
    }

    private static LocalDate read(String a, String b, String c) {
        int la = a.length();
        int lb = b.length();
        int lc = c.length();
        if (lb > 2 || lb == 0) {
            return null;
        }
        int x = Integer.parseInt(a);
        int y = Integer.parseInt(b);
        int z = Integer.parseInt(c);
        if (la == 4 && lc <= 2) {
            LocalDate d = date(x, y, z);
            return d != null ? d : date(x, z, y);
        }
        if (la <= 2 && lc == 4) {
            LocalDate d = date(z, y, x);
            return d != null ? d : date(z, x, y);
        }
        if (la == 2 && lb == 2 && lc == 2) {
            int year = x <= 39 ? 2000 + x : 1900 + x;
            return date(year, y, z);
        }
        return null;
    }

    private static LocalDate date(int year, int month, int day) {
        if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > 31) {
            return null;
        }
        if (day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }
}
