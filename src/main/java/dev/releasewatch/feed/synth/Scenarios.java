package dev.releasewatch.feed.synth;

import dev.releasewatch.avro.Scope;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The scenario suite (issue 3): named synthetic feeds with ground truth, all with the default seed
 * {@value FeedSettings#DEFAULT_SEED} and at least six weeks of normal history before any incident.
 */
public final class Scenarios {

    /** The SPARKS raid of 25 August 2020, after the published figures. */
    public static final String SPARKS_2020 = "sparks-2020";
    /** An ordinary feed, June–October 2020. */
    public static final String NORMAL = "normal";

    private static final LocalDate RAID_DAY = LocalDate.of(2020, 8, 25);

    private Scenarios() {
    }

    /** @return every scenario, in a stable order */
    public static List<Scenario> all() {
        return List.of(sparks2020(), normal());
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
            effects.add(new FeedEffect.ScaleGroup(group, FactorCurve.builder().stepAt(raid, 0).build()));
        }
        effects.add(new FeedEffect.ScaleSection("GAMES", FactorCurve.builder().stepAt(sectionsStop, 0)
                .stepAt(LocalDate.of(2020, 9, 2), 0.25).rampTo(day(2020, 9, 21), 1.0).build()));
        effects.add(new FeedEffect.ScaleSection("EBOOK", FactorCurve.builder().stepAt(sectionsStop, 0)
                .stepAt(LocalDate.of(2020, 9, 3), 0.3).rampTo(day(2020, 9, 21), 1.0).build()));
        effects.add(new FeedEffect.SceneLevel(FactorCurve.builder()
                .stepAt(rumours, 0.35)
                .stepAt(LocalDate.of(2020, 8, 26), 0.085)
                .stepAt(LocalDate.of(2020, 8, 27), 0.11)
                .stepAt(LocalDate.of(2020, 8, 28), 0.14)
                .stepAt(LocalDate.of(2020, 8, 29), 0.17)
                .stepAt(LocalDate.of(2020, 8, 31), 0.24)
                .holdFrom(day(2020, 9, 1), 0.26).rampTo(day(2020, 9, 8), 0.32)
                .rampTo(day(2020, 9, 15), 0.385)
                // exponential approach to 0.92 with a 28-day time constant, sampled every two weeks
                .rampTo(day(2020, 9, 29), 0.54).rampTo(day(2020, 10, 13), 0.68).rampTo(day(2020, 10, 27), 0.78)
                .rampTo(day(2020, 11, 10), 0.835).rampTo(day(2020, 11, 24), 0.87).rampTo(day(2020, 12, 8), 0.893)
                .rampTo(day(2020, 12, 22), 0.905).rampTo(day(2021, 1, 5), 0.915).build()));
        effects.add(new FeedEffect.DayTotal(LocalDate.of(2020, 8, 19), 1944));
        effects.add(new FeedEffect.DayTotal(LocalDate.of(2020, 8, 26), 168));
        effects.add(new FeedEffect.PeriodTotal(LocalDate.of(2020, 8, 18), LocalDate.of(2020, 8, 24), 12_800));
        effects.add(new FeedEffect.PeriodTotal(LocalDate.of(2020, 9, 1), LocalDate.of(2020, 9, 7), 3_700));
        effects.add(new FeedEffect.PeriodTotal(LocalDate.of(2020, 9, 8), LocalDate.of(2020, 9, 14), 4_500));
        final FeedSettings settings = FeedSettings.normal(FeedSettings.DEMO_FROM, FeedSettings.DEMO_TO,
                FeedSettings.DEFAULT_SEED).withEffects(effects);
        final Instant end = at(FeedSettings.DEMO_TO.plusDays(1), 0);
        return new Scenario(SPARKS_2020,
                "The SPARKS raid of 25 Aug 2020: the scene falls to ~60% that Tuesday, to 168 releases on Wednesday, "
                        + "recovers over months; GAMES and EBOOK stop for a week; SPARKS and associated groups stop for good.",
                settings,
                List.of(new Incident(Scope.TOTAL, Incident.WHOLE_FEED, rumours, IncidentKind.COLLAPSE,
                                "scene-wide collapse after the raid"),
                        new Incident(Scope.CATEGORY, "GAMES", sectionsStop, IncidentKind.SECTION_OUTAGE,
                                "GAMES at zero for about a week"),
                        new Incident(Scope.CATEGORY, "EBOOK", sectionsStop, IncidentKind.SECTION_OUTAGE,
                                "EBOOK at zero for about a week"),
                        new Incident(Scope.GROUP, "SPARKS", raid, IncidentKind.GROUP_SILENT,
                                "SPARKS (~18 a day) never releases again"),
                        new Incident(Scope.GROUP, "GECKOS", raid, IncidentKind.GROUP_SILENT,
                                "GECKOS (~10 a day) never releases again")),
                List.of(new ToleratedPeriod(raid, end, null, null,
                        "the whole scene is down and recovers over months: every category and many groups drop")));
    }

    /**
     * An ordinary feed, June–October 2020, with nothing to alert on.
     *
     * @return the scenario
     */
    public static Scenario normal() {
        return new Scenario(NORMAL, "An ordinary feed, June–October 2020: weekends, noise, nothing to alert on.",
                FeedSettings.normal(FeedSettings.DEMO_FROM, FeedSettings.DEMO_TO, FeedSettings.DEFAULT_SEED),
                List.of(), List.of());
    }

    private static Instant at(final LocalDate day, final int hour) {
        return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    private static Instant day(final int year, final int month, final int dayOfMonth) {
        return LocalDateTime.of(year, month, dayOfMonth, 0, 0).toInstant(ZoneOffset.UTC);
    }
}
