package dev.releasewatch.feed.synth;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.releasewatch.avro.Scope;

/**
 * The level-shift family of the scenario suite (issue 12): the two biggest video sections, X264 and TV-X264, fall to
 * {@code 1 - size} of their level at a given hour and stay there; everything else is normal. Each start weekday
 * is paired with each size, so a detector that only sees drops on weekdays, or only deep ones, shows it. The
 * weekend starts are the hard ones: the scene is at about 70% then, so an hour holds less evidence, and the daily
 * verdict needs two whole days.
 */
public final class LevelShiftScenarios {

    /** Name prefix: {@code level-shift-<weekday>-<size in %>}, e.g. {@code level-shift-sat-50}. */
    public static final String PREFIX = "level-shift-";

    /** The sections that drop: the biggest two of the standard feed (about 43% of a weekday's releases). */
    public static final List<String> SECTIONS = List.of("X264", "TV-X264");

    /** Drop sizes: the range the issue asks to be flagged within 24 hours. */
    public static final List<Double> SIZES = List.of(0.4, 0.5, 0.6);

    /**
     * Starts, one per weekday of interest, all in the second half of the summer range (at least seven weeks of history
     * before): Saturday and Sunday mornings, a Monday morning, a Wednesday afternoon and a Friday night.
     */
    public static final List<LocalDateTime> STARTS = List.of(
            LocalDateTime.of(2020, 7, 25, 8, 0),
            LocalDateTime.of(2020, 7, 26, 8, 0),
            LocalDateTime.of(2020, 7, 27, 8, 0),
            LocalDateTime.of(2020, 7, 29, 14, 0),
            LocalDateTime.of(2020, 7, 31, 22, 0));

    private static final LocalDate FROM = LocalDate.of(2020, 6, 1);
    private static final LocalDate TO = LocalDate.of(2020, 8, 31);

    private LevelShiftScenarios() {}

    /** @return every start crossed with every size, by start then size */
    public static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        for (LocalDateTime start : STARTS) {
            for (double size : SIZES) {
                all.add(of(start, size));
            }
        }
        return all;
    }

    /**
     * @param start local (UTC) time the two sections drop
     * @param size  the drop, as a fraction of their level (0.5 = half)
     * @return the scenario
     */
    public static Scenario of(LocalDateTime start, double size) {
        Instant at = start.toInstant(ZoneOffset.UTC);
        int percent = (int) Math.round(size * 100);
        DayOfWeek weekday = start.getDayOfWeek();
        String name =
                PREFIX + weekday.getDisplayName(TextStyle.SHORT, Locale.ROOT).toLowerCase(Locale.ROOT) + "-" + percent;
        List<FeedEffect> effects = new ArrayList<>();
        for (String section : SECTIONS) {
            effects.add(new FeedEffect.ScaleSection(
                    section, FactorCurve.builder().stepAt(at, 1 - size).build()));
        }
        FeedSettings settings =
                FeedSettings.normal(FROM, TO, FeedSettings.DEFAULT_SEED).withEffects(effects);
        SyntheticFeed feed = new SyntheticFeed(settings);
        Set<String> groups = new HashSet<>();
        List<Incident> incidents = new ArrayList<>();
        for (String section : SECTIONS) {
            groups.addAll(feed.groupsOf(section));
            incidents.add(new Incident(
                    Scope.CATEGORY,
                    section,
                    at,
                    IncidentKind.LEVEL_SHIFT,
                    section + " at " + (100 - percent) + "% of its level for good"));
        }
        Instant end = TO.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return new Scenario(
                name,
                "X264 and TV-X264 fall by " + percent + "% from " + weekday.getDisplayName(TextStyle.FULL, Locale.ROOT)
                        + " " + start + " UTC and stay there; everything else normal.",
                settings,
                incidents,
                List.of(
                        new ToleratedPeriod(
                                at,
                                end,
                                Scope.TOTAL,
                                Set.of(Incident.WHOLE_FEED),
                                "the whole feed is lower by the two sections' share of it"),
                        new ToleratedPeriod(
                                at, end, Scope.GROUP, groups, "the two sections' groups release less too")));
    }
}
