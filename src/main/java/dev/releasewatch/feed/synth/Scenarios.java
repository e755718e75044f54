package dev.releasewatch.feed.synth;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.releasewatch.avro.AlertCause;
import dev.releasewatch.avro.Scope;

/**
 * The scenario suite (issue 3): named synthetic feeds with ground truth, all with the default seed
 * {@value FeedSettings#DEFAULT_SEED} and at least six weeks of normal history before any incident.
 */
public final class Scenarios {

    /** The SPARKS raid of 25 August 2020, after the published figures. */
    public static final String SPARKS_2020 = "sparks-2020";
    /** An ordinary feed, June–October 2020. */
    public static final String NORMAL = "normal";
    /** One section's source breaks mid-afternoon for four days. */
    public static final String SECTION_OUTAGE = "section-outage";
    /** A prolific group stops, nothing else changes. */
    public static final String GROUP_SILENT = "group-silent";
    /** Five hours without any event, then normal. */
    public static final String FEED_GAP = "feed-gap";
    /** The year-end holidays, quiet but normal. */
    public static final String YEAR_END = "year-end";
    /** A slow 25% decline over two months, no incident. */
    public static final String SLOW_DECLINE = "slow-decline";
    /** A brand-new category appears and grows. */
    public static final String NEW_CATEGORY = "new-category";
    /** An ordinary feed announced by two mirrors, one with a fraction of stamps hours fast, plus a slow mirror. */
    public static final String MIRRORED_CLOCKS = "mirrored-clocks";
    /** Categories with a few releases a day, where zero is noise. */
    public static final String LOW_VOLUME = "low-volume";
    /** A primary and a mirror; the mirror stops for a day. */
    public static final String MIRROR_STOPS = "mirror-stops";
    /** A primary and a mirror; every source stops for five hours, heartbeats too. */
    public static final String INGEST_STOPS = "ingest-stops";
    /** The SPARKS collapse as a primary and a mirror both announce it. */
    public static final String MIRRORED_COLLAPSE = "mirrored-collapse";

    /** Summer range of the shorter scenarios: 13 weeks, incidents in the second half. */
    private static final LocalDate SUMMER_FROM = LocalDate.of(2020, 6, 1);

    private static final LocalDate SUMMER_TO = LocalDate.of(2020, 8, 31);

    private static final LocalDate RAID_DAY = LocalDate.of(2020, 8, 25);

    private Scenarios() {}

    /** @return every scenario, in a stable order */
    public static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>(List.of(
                sparks2020(),
                normal(),
                sectionOutage(),
                groupSilent(),
                feedGap(),
                yearEnd(),
                slowDecline(),
                newCategory(),
                lowVolume(),
                mirroredClocks(),
                mirrorStops(),
                ingestStops(),
                mirroredCollapse()));
        all.addAll(LevelShiftScenarios.all());
        return List.copyOf(all);
    }

    /**
     * @param name a scenario name
     * @return the scenario, if there is one by that name
     */
    public static Optional<Scenario> byName(final String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** @return the scenario names, in the order of {@link #all()} */
    public static List<String> names() {
        return all().stream().map(Scenario::name).toList();
    }

    /**
     * The SPARKS 2020 collapse. Published figures it follows: about 12,800 releases in the week before the raid
     * (18–24 Aug; 1,944 on Wednesday 19 Aug), a first fall on Tuesday 25 Aug as rumours spread (about 60% of a normal
     * Tuesday: normal until 10:00 UTC, about a third of normal after), 168 releases on Wednesday 26 Aug, about 3,700
     * and 4,500 releases in the two weeks after the raid week (1–7 and 8–14 Sep), then a slow recovery to about 92% of
     * the pre-raid level by early January 2021. GAMES and EBOOK stop for about a week. SPARKS and four associated
     * groups never release again.
     *
     * <p>The daily totals are pinned to these figures; which sections and groups the remaining releases come from
     * follows from the stopped groups and sections.
     *
     * @return the scenario
     */
    public static Scenario sparks2020() {
        final Instant raid = at(RAID_DAY, 0);
        final Instant rumours = at(RAID_DAY, 10);
        final Instant sectionsStop = at(RAID_DAY, 12);
        final List<FeedEffect> effects = new ArrayList<>();
        for (String group : StandardSections.SPARKS_FAMILY) {
            effects.add(new FeedEffect.ScaleGroup(
                    group, FactorCurve.builder().stepAt(raid, 0).build()));
        }
        effects.add(new FeedEffect.ScaleSection(
                "GAMES",
                FactorCurve.builder()
                        .stepAt(sectionsStop, 0)
                        .stepAt(LocalDate.of(2020, 9, 2), 0.25)
                        .rampTo(day(2020, 9, 21), 1.0)
                        .build()));
        effects.add(new FeedEffect.ScaleSection(
                "EBOOK",
                FactorCurve.builder()
                        .stepAt(sectionsStop, 0)
                        .stepAt(LocalDate.of(2020, 9, 3), 0.3)
                        .rampTo(day(2020, 9, 21), 1.0)
                        .build()));
        effects.add(new FeedEffect.SceneLevel(FactorCurve.builder()
                .stepAt(rumours, 0.35)
                .stepAt(LocalDate.of(2020, 8, 26), 0.085)
                .stepAt(LocalDate.of(2020, 8, 27), 0.11)
                .stepAt(LocalDate.of(2020, 8, 28), 0.14)
                .stepAt(LocalDate.of(2020, 8, 29), 0.17)
                .stepAt(LocalDate.of(2020, 8, 31), 0.24)
                .holdFrom(day(2020, 9, 1), 0.26)
                .rampTo(day(2020, 9, 8), 0.32)
                .rampTo(day(2020, 9, 15), 0.385)
                // exponential approach to 0.92 with a 28-day time constant, sampled every two weeks
                .rampTo(day(2020, 9, 29), 0.54)
                .rampTo(day(2020, 10, 13), 0.68)
                .rampTo(day(2020, 10, 27), 0.78)
                .rampTo(day(2020, 11, 10), 0.835)
                .rampTo(day(2020, 11, 24), 0.87)
                .rampTo(day(2020, 12, 8), 0.893)
                .rampTo(day(2020, 12, 22), 0.905)
                .rampTo(day(2021, 1, 5), 0.915)
                .build()));
        effects.add(new FeedEffect.DayTotal(LocalDate.of(2020, 8, 19), 1944));
        effects.add(new FeedEffect.DayTotal(LocalDate.of(2020, 8, 26), 168));
        effects.add(new FeedEffect.PeriodTotal(LocalDate.of(2020, 8, 18), LocalDate.of(2020, 8, 24), 12_800));
        effects.add(new FeedEffect.PeriodTotal(LocalDate.of(2020, 9, 1), LocalDate.of(2020, 9, 7), 3_700));
        effects.add(new FeedEffect.PeriodTotal(LocalDate.of(2020, 9, 8), LocalDate.of(2020, 9, 14), 4_500));
        final FeedSettings settings = FeedSettings.normal(
                        FeedSettings.DEMO_FROM, FeedSettings.DEMO_TO, FeedSettings.DEFAULT_SEED)
                .withEffects(effects);
        final Instant end = at(FeedSettings.DEMO_TO.plusDays(1), 0);
        return new Scenario(
                SPARKS_2020,
                "The SPARKS raid of 25 Aug 2020: the scene falls to ~60% that Tuesday, to 168 releases on Wednesday, "
                        + "recovers over months; GAMES and EBOOK stop for a week; SPARKS and associated groups stop for good.",
                settings,
                List.of(
                        new Incident(
                                Scope.TOTAL,
                                Incident.WHOLE_FEED,
                                rumours,
                                IncidentKind.COLLAPSE,
                                "scene-wide collapse after the raid"),
                        new Incident(
                                Scope.CATEGORY,
                                "GAMES",
                                sectionsStop,
                                IncidentKind.SECTION_OUTAGE,
                                "GAMES at zero for about a week"),
                        new Incident(
                                Scope.CATEGORY,
                                "EBOOK",
                                sectionsStop,
                                IncidentKind.SECTION_OUTAGE,
                                "EBOOK at zero for about a week"),
                        new Incident(
                                Scope.GROUP,
                                "SPARKS",
                                raid,
                                IncidentKind.GROUP_SILENT,
                                "SPARKS (~18 a day) never releases again"),
                        new Incident(
                                Scope.GROUP,
                                "GECKOS",
                                raid,
                                IncidentKind.GROUP_SILENT,
                                "GECKOS (~10 a day) never releases again")),
                List.of(ToleratedPeriod.anything(
                        raid,
                        end,
                        "the whole scene is down and recovers over months: every category and many groups drop")));
    }

    /**
     * An ordinary feed, June–October 2020, with nothing to alert on.
     *
     * @return the scenario
     */
    public static Scenario normal() {
        return new Scenario(
                NORMAL,
                "An ordinary feed, June–October 2020: weekends, noise, nothing to alert on.",
                FeedSettings.normal(FeedSettings.DEMO_FROM, FeedSettings.DEMO_TO, FeedSettings.DEFAULT_SEED),
                List.of(),
                List.of());
    }

    /**
     * The ordinary feed as several pre databases announce it: a mirror re-announces 70 % of the releases up to 10
     * minutes later, 0.4 % of its copies stamped 19 hours fast (only the stamp is wrong), and a slow mirror copies
     * them 3 hours later with the original stamps. Nothing happens: every alert is false (issue 9's first replay).
     *
     * @return the scenario
     */
    public static Scenario mirroredClocks() {
        return new Scenario(
                MIRRORED_CLOCKS,
                "The ordinary feed from a primary, a mirror with 0.4% of its stamps 19 h fast, and a slow mirror 3 h "
                        + "behind: nothing to alert on.",
                FeedSettings.normal(FeedSettings.DEMO_FROM, FeedSettings.DEMO_TO, FeedSettings.DEFAULT_SEED)
                        .withMirrors(Mirrors.typical(1)
                                .withCopies(0.7, Duration.ofMinutes(10))
                                .withSkew(0.004, Duration.ofHours(19))
                                .withSlowMirror(Duration.ofHours(3))),
                List.of(),
                List.of());
    }

    /**
     * The summer feed from a primary and a mirror re-announcing 60 % of its releases; the mirror stops on Wednesday 29
     * July 2020 at 09:00 UTC for a day. Every release is still announced by the primary, so no count changes: the only
     * alert due is the mirror's own (scope SOURCE, cause SOURCE), and a scene alert would be false.
     *
     * @return the scenario
     */
    public static Scenario mirrorStops() {
        final Instant start = at(LocalDate.of(2020, 7, 29), 9);
        final Instant end = start.plus(Duration.ofDays(1));
        return new Scenario(
                MIRROR_STOPS,
                "A primary and a mirror (60 % re-announced); the mirror stops Wed 29 Jul 2020 09:00 UTC for a day.",
                summer().withMirrors(Mirrors.typical(1).withSilence(start, end)),
                List.of(new Incident(
                                Scope.SOURCE,
                                "mirror-1",
                                start,
                                IncidentKind.SOURCE_SILENT,
                                "the mirror is silent for a day, the primary goes on")
                        .withCause(AlertCause.SOURCE)),
                List.of());
    }

    /**
     * The feed-gap scenario announced by a primary and a mirror: every source stops from 09:00 to 14:00 UTC on
     * Wednesday 29 July 2020 (no record and no heartbeat: the synthetic sources send none), then normal again. The
     * feed's alert must say INGEST (nothing reached the monitor), not SCENE.
     *
     * @return the scenario
     */
    public static Scenario ingestStops() {
        final Instant start = at(LocalDate.of(2020, 7, 29), 9);
        final Instant end = at(LocalDate.of(2020, 7, 29), 14);
        return new Scenario(
                INGEST_STOPS,
                "A primary and a mirror; every source stops on Wed 29 Jul 2020 from 09:00 to 14:00 UTC, then normal.",
                summer().withMirrors(Mirrors.typical(1))
                        .withEffects(List.of(new FeedEffect.ScaleAll(FactorCurve.builder()
                                .stepAt(start, 0)
                                .stepAt(end, 1)
                                .build()))),
                List.of(new Incident(
                                Scope.TOTAL,
                                Incident.WHOLE_FEED,
                                start,
                                IncidentKind.FEED_GAP,
                                "five hours without any record from any source")
                        .withCause(AlertCause.INGEST)),
                List.of(ToleratedPeriod.anything(
                        start, end.plus(Duration.ofHours(6)), "every category and group is at zero during the gap")));
    }

    /**
     * The SPARKS 2020 collapse ({@link #sparks2020()}) as a primary and a mirror re-announcing 60 % of the releases
     * both see it: the feed's alert must say SCENE (every live source saw the drop), within the collapse's 6 hours.
     *
     * @return the scenario
     */
    public static Scenario mirroredCollapse() {
        final Scenario sparks = sparks2020();
        final List<Incident> incidents = new ArrayList<>();
        for (Incident i : sparks.incidents()) {
            incidents.add(i.scope() == Scope.TOTAL ? i.withCause(AlertCause.SCENE) : i);
        }
        return new Scenario(
                MIRRORED_COLLAPSE,
                "The SPARKS raid of 25 Aug 2020 as a primary and a mirror (60 % re-announced) both announce it.",
                sparks.settings().withMirrors(Mirrors.typical(1)),
                incidents,
                sparks.tolerated());
    }

    /**
     * MP3's source breaks on Wednesday 22 July 2020 at 15:00 UTC and stays broken until Sunday 26 July 15:00; every
     * other section goes on as normal. MP3 is mid-sized (about 250 a weekday, 12% of the feed), so the total dips by
     * that much: tolerated, as are alerts on MP3's own groups.
     *
     * @return the scenario
     */
    public static Scenario sectionOutage() {
        final Instant start = at(LocalDate.of(2020, 7, 22), 15);
        final Instant end = at(LocalDate.of(2020, 7, 26), 15);
        final FeedSettings settings = summer().withEffects(List.of(new FeedEffect.ScaleSection(
                "MP3", FactorCurve.builder().stepAt(start, 0).stepAt(end, 1).build())));
        final Instant settled = end.plus(Duration.ofDays(2));
        return new Scenario(
                SECTION_OUTAGE,
                "MP3's source breaks Wed 22 Jul 2020 15:00 UTC for four days; all other sections stay normal.",
                settings,
                List.of(new Incident(
                        Scope.CATEGORY,
                        "MP3",
                        start,
                        IncidentKind.SECTION_OUTAGE,
                        "MP3 at zero from 15:00 for four days")),
                List.of(
                        new ToleratedPeriod(
                                start,
                                settled,
                                Scope.GROUP,
                                Set.copyOf(new SyntheticFeed(settings).groupsOf("MP3")),
                                "MP3's groups are silent while its source is broken"),
                        new ToleratedPeriod(
                                start,
                                settled,
                                Scope.TOTAL,
                                Set.of(Incident.WHOLE_FEED),
                                "the whole feed is 12% lower while MP3 is missing")));
    }

    /**
     * The steady TV group {@value StandardSections#STEADY_TV_GROUP} (about 9 a weekday) stops on Monday 20 July 2020
     * at 06:00 UTC and never comes back; nothing else changes, so its section dips by under 2%.
     *
     * @return the scenario
     */
    public static Scenario groupSilent() {
        final Instant start = at(LocalDate.of(2020, 7, 20), 6);
        final String group = StandardSections.STEADY_TV_GROUP;
        return new Scenario(
                GROUP_SILENT,
                "The steady TV group " + group
                        + " (~9 a weekday) stops Mon 20 Jul 2020 06:00 UTC; nothing else changes.",
                summer().withEffects(List.of(new FeedEffect.ScaleGroup(
                        group, FactorCurve.builder().stepAt(start, 0).build()))),
                List.of(new Incident(Scope.GROUP, group, start, IncidentKind.GROUP_SILENT, group + " stops for good")),
                List.of());
    }

    /**
     * No events at all from 09:00 to 14:00 UTC on Wednesday 29 July 2020 (the feed's collector was down), then
     * normal again. During the gap every category is at zero too, which a monitor may report. Nothing at all reached
     * the monitor, not even a heartbeat, so the feed's alert must say INGEST.
     *
     * @return the scenario
     */
    public static Scenario feedGap() {
        final Instant start = at(LocalDate.of(2020, 7, 29), 9);
        final Instant end = at(LocalDate.of(2020, 7, 29), 14);
        return new Scenario(
                FEED_GAP,
                "No events at all on Wed 29 Jul 2020 from 09:00 to 14:00 UTC, then normal.",
                summer().withEffects(List.of(new FeedEffect.ScaleAll(
                        FactorCurve.builder().stepAt(start, 0).stepAt(end, 1).build()))),
                List.of(new Incident(
                                Scope.TOTAL,
                                Incident.WHOLE_FEED,
                                start,
                                IncidentKind.FEED_GAP,
                                "five hours without any event")
                        .withCause(AlertCause.INGEST)),
                List.of(ToleratedPeriod.anything(
                        start, end.plus(Duration.ofHours(6)), "every category and group is at zero during the gap")));
    }

    /**
     * September 2020 to January 2021 with the year-end holidays (24–26 Dec at 50–62% of normal, 31 Dec and 1 Jan at
     * 55–68%). Nothing to alert on: a monitor with a holiday calendar must stay quiet.
     *
     * @return the scenario
     */
    public static Scenario yearEnd() {
        return new Scenario(
                YEAR_END,
                "Sep 2020 - Jan 2021 with quiet holidays (24-26 Dec, 31 Dec - 1 Jan); nothing to alert on.",
                FeedSettings.normal(LocalDate.of(2020, 9, 1), LocalDate.of(2021, 1, 31), FeedSettings.DEFAULT_SEED),
                List.of(),
                List.of());
    }

    /**
     * The feed declines linearly by 25% from 1 September to 31 October 2020 (about 3% a week) and stays there. A
     * change this slow is a trend, not an incident: nothing to alert on.
     *
     * @return the scenario
     */
    public static Scenario slowDecline() {
        return new Scenario(
                SLOW_DECLINE,
                "June - November 2020; the whole feed declines 25% over Sep-Oct (about 3% a week); nothing to alert on.",
                FeedSettings.normal(SUMMER_FROM, LocalDate.of(2020, 11, 30), FeedSettings.DEFAULT_SEED)
                        .withEffects(List.of(new FeedEffect.ScaleAll(FactorCurve.builder()
                                .holdFrom(day(2020, 9, 1), 1.0)
                                .rampTo(day(2020, 11, 1), 0.75)
                                .build()))),
                List.of(),
                List.of());
    }

    /**
     * A section never seen before, TV-X265, appears on Wednesday 15 July 2020 and grows to about 40 a weekday over two
     * weeks. Nothing to alert on (a new subject has no history to drop from).
     *
     * @return the scenario
     */
    public static Scenario newCategory() {
        final Instant launch = at(LocalDate.of(2020, 7, 15), 0);
        return new Scenario(
                NEW_CATEGORY,
                "A new section TV-X265 appears Wed 15 Jul 2020 and grows to ~40 a weekday; nothing to alert on.",
                summer().withEffects(List.of(new FeedEffect.LaunchSection(
                        SectionProfile.of(
                                "TV-X265", 40, WeekPattern.TV, HourPattern.US_TV_NIGHT, NameStyle.EPISODE_X265, 10),
                        FactorCurve.builder()
                                .holdFrom(launch, 0.25)
                                .rampTo(launch.plus(Duration.ofDays(14)), 1.0)
                                .build()))),
                List.of(),
                List.of());
    }

    /**
     * Four extra sections with a few releases a day (NSW ~4, PS4 ~2, SUBPACK ~1.5, DOX ~0.8 a weekday) next to the
     * standard feed. Days with zero releases are ordinary for them: nothing to alert on.
     *
     * @return the scenario
     */
    public static Scenario lowVolume() {
        final FactorCurve always =
                FactorCurve.builder().holdFrom(at(SUMMER_FROM, 0), 1.0).build();
        return new Scenario(
                LOW_VOLUME,
                "Summer 2020 plus four sections with a few releases a day (NSW, PS4, SUBPACK, DOX); nothing to alert on.",
                summer().withEffects(List.of(
                        new FeedEffect.LaunchSection(
                                SectionProfile.of(
                                        "NSW",
                                        4,
                                        WeekPattern.GENERAL,
                                        HourPattern.EUROPE_EVENING,
                                        NameStyle.CONSOLE_GAME,
                                        6),
                                always),
                        new FeedEffect.LaunchSection(
                                SectionProfile.of(
                                        "PS4",
                                        2,
                                        WeekPattern.GENERAL,
                                        HourPattern.EUROPE_EVENING,
                                        NameStyle.CONSOLE_GAME,
                                        4),
                                always),
                        new FeedEffect.LaunchSection(
                                SectionProfile.of(
                                        "SUBPACK", 1.5, WeekPattern.TV, HourPattern.US_TV_NIGHT, NameStyle.EXTRA, 5),
                                always),
                        new FeedEffect.LaunchSection(
                                SectionProfile.of(
                                        "DOX",
                                        0.8,
                                        WeekPattern.GENERAL,
                                        HourPattern.EUROPE_EVENING,
                                        NameStyle.CONSOLE_GAME,
                                        3),
                                always))),
                List.of(),
                List.of());
    }

    private static FeedSettings summer() {
        return FeedSettings.normal(SUMMER_FROM, SUMMER_TO, FeedSettings.DEFAULT_SEED);
    }

    private static Instant at(final LocalDate day, final int hour) {
        return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    private static Instant day(final int year, final int month, final int dayOfMonth) {
        return LocalDateTime.of(year, month, dayOfMonth, 0, 0).toInstant(ZoneOffset.UTC);
    }
}
