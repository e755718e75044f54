package dev.releasewatch.detect;

import java.time.LocalDate;
import java.util.Set;

/**
 * The SPARKS raid of Tuesday 25 Aug 2020 as a rate multiplier: from 00:00 UTC that day the feed falls to ~40%
 * (rumours), on 26 Aug to ~9%; GAMES and EBOOK stop completely until 1 Sep and are back to normal from 8 Sep; SPARKS,
 * GECKOS and a few other groups are gone for good; the rest of the feed recovers slowly (~27% and ~33% in the two weeks
 * after the raid week, ~60% by the end of October).
 */
final class SparksScenario implements FeedSimulator.Scenario {

    static final LocalDate RAID = LocalDate.of(2020, 8, 25);
    static final Set<String> GONE = Set.of("SPARKS", "GECKOS", "X264G3", "BLURAYG1");

    @Override
    public double multiplier(String category, String group, LocalDate date, int hour) {
        if (date.isBefore(RAID)) {
            return 1;
        }
        if (group != null) {
            return GONE.contains(group) ? 0 : 1;
        }
        boolean silentSection = category.equals("GAMES") || category.equals("EBOOK");
        if (silentSection && date.isBefore(RAID.plusDays(7))) {
            return 0;
        }
        if (silentSection && !date.isBefore(RAID.plusDays(14))) {
            return 1;
        }
        long days = date.toEpochDay() - RAID.toEpochDay();
        if (days == 0) {
            return 0.4;
        }
        if (days < 7) {
            return 0.09;
        }
        if (days < 14) {
            return 0.27;
        }
        if (days < 21) {
            return 0.33;
        }
        return Math.min(0.6, 0.33 + (days - 21) * 0.006);
    }
}
