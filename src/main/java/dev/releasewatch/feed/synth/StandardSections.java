package dev.releasewatch.feed.synth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fifteen sections of the standard synthetic feed, with volumes shaped after 2020 predb activity: about 2,070
 * releases on a weekday, TV and movies in x264 the biggest, games and audio books small.
 *
 * <p>The named groups are the ones scenarios refer to: SPARKS and its associated groups (GECKOS, DRONES, AMIABLE,
 * ROVERS) among the prolific movie groups, SPARKS at about 20 releases a weekday across X264, X265 and BLURAY; CODEX
 * and PLAZA leading games; and {@value #STEADY_TV_GROUP}, a steady mid-sized TV group (about 9 a weekday) for the
 * group-silent scenario. Every other group is generated.
 */
public final class StandardSections {

    /** A prolific TV group (about 9 releases per weekday) that no other scenario touches. */
    public static final String STEADY_TV_GROUP = "VEXiON";

    /** Groups that stopped for good with the SPARKS raid of 25 August 2020. */
    public static final List<String> SPARKS_FAMILY = List.of("SPARKS", "GECKOS", "DRONES", "AMIABLE", "ROVERS");

    private static final List<SectionProfile> ALL = List.of(
            new SectionProfile(
                    "X264",
                    380,
                    WeekPattern.GENERAL,
                    HourPattern.EUROPE_EVENING,
                    NameStyle.MOVIE_X264,
                    groups("SPARKS", 13.0, "GECKOS", 8.0, "DRONES", 6.0, "AMIABLE", 5.0, "ROVERS", 4.0),
                    70),
            new SectionProfile(
                    "TV-X264",
                    520,
                    WeekPattern.TV,
                    HourPattern.US_TV_NIGHT,
                    NameStyle.EPISODE_HD,
                    groups(STEADY_TV_GROUP, 9.0),
                    45),
            SectionProfile.of("TV-SD", 110, WeekPattern.TV, HourPattern.US_TV_NIGHT, NameStyle.EPISODE_SD, 20),
            new SectionProfile(
                    "X265",
                    90,
                    WeekPattern.GENERAL,
                    HourPattern.EUROPE_EVENING,
                    NameStyle.MOVIE_X265,
                    groups("SPARKS", 3.0),
                    25),
            new SectionProfile(
                    "BLURAY",
                    35,
                    WeekPattern.GENERAL,
                    HourPattern.EUROPE_EVENING,
                    NameStyle.BLURAY_DISC,
                    groups("SPARKS", 4.0, "GECKOS", 2.0, "AMIABLE", 1.5),
                    15),
            SectionProfile.of("DVDR", 25, WeekPattern.GENERAL, HourPattern.EUROPE_EVENING, NameStyle.DVDR, 12),
            SectionProfile.of("XXX", 260, WeekPattern.DAILY, HourPattern.EUROPE_EVENING, NameStyle.ADULT, 30),
            SectionProfile.of("MP3", 250, WeekPattern.MUSIC, HourPattern.MUSIC_MIDNIGHT, NameStyle.MUSIC_MP3, 80),
            SectionProfile.of("FLAC", 90, WeekPattern.MUSIC, HourPattern.MUSIC_MIDNIGHT, NameStyle.MUSIC_FLAC, 35),
            SectionProfile.of("MVID", 55, WeekPattern.MUSIC, HourPattern.EUROPE_EVENING, NameStyle.MUSIC_VIDEO, 15),
            new SectionProfile(
                    "GAMES",
                    30,
                    WeekPattern.GENERAL,
                    HourPattern.EUROPE_EVENING,
                    NameStyle.GAME,
                    groups("CODEX", 5.0, "PLAZA", 4.0, "SKIDROW", 1.5),
                    12),
            SectionProfile.of("APPS", 45, WeekPattern.WORKDAY, HourPattern.OFFICE_HOURS, NameStyle.APP, 20),
            SectionProfile.of("0DAY", 70, WeekPattern.WORKDAY, HourPattern.OFFICE_HOURS, NameStyle.ZERO_DAY, 25),
            SectionProfile.of("EBOOK", 90, WeekPattern.WORKDAY, HourPattern.OFFICE_HOURS, NameStyle.EBOOK, 15),
            SectionProfile.of("ABOOK", 20, WeekPattern.GENERAL, HourPattern.OFFICE_HOURS, NameStyle.AUDIOBOOK, 8));

    private StandardSections() {}

    /** @return the standard sections, biggest movie section first */
    public static List<SectionProfile> all() {
        return ALL;
    }

    private static Map<String, Double> groups(final Object... nameRatePairs) {
        final Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < nameRatePairs.length; i += 2) {
            map.put((String) nameRatePairs[i], (Double) nameRatePairs[i + 1]);
        }
        return map;
    }
}
