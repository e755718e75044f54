package dev.releasewatch.feed.synth;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Collectors;

import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.avro.Scope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Checks that every scenario's generated data has the shape its ground truth states. */
class ScenariosTest {

    private static LocalDate d(final int month, final int day) {
        return LocalDate.of(2020, month, day);
    }

    private static Instant t(final int month, final int day, final int hour) {
        return d(month, day).atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    @Test
    void shouldListUniqueScenariosWithWarmUpAndValidSubjects() {
        assertThat(Scenarios.names())
                .doesNotHaveDuplicates()
                .contains(
                        Scenarios.SPARKS_2020,
                        Scenarios.NORMAL,
                        Scenarios.SECTION_OUTAGE,
                        Scenarios.GROUP_SILENT,
                        Scenarios.FEED_GAP,
                        Scenarios.YEAR_END,
                        Scenarios.SLOW_DECLINE,
                        Scenarios.NEW_CATEGORY,
                        Scenarios.LOW_VOLUME,
                        Scenarios.MIRRORED_CLOCKS,
                        Scenarios.MIRROR_STOPS,
                        Scenarios.INGEST_STOPS,
                        Scenarios.MIRRORED_COLLAPSE);
        assertThat(Scenarios.byName("nope")).isEmpty();
        for (Scenario scenario : Scenarios.all()) {
            assertThat(Scenarios.byName(scenario.name())).contains(scenario);
            final SyntheticFeed feed = scenario.feed();
            final Instant from =
                    scenario.settings().from().atStartOfDay(ZoneOffset.UTC).toInstant();
            for (Incident incident : scenario.incidents()) {
                assertThat(Duration.between(from, incident.start()))
                        .as(scenario.name() + " warm-up")
                        .isGreaterThanOrEqualTo(Duration.ofDays(42));
                switch (incident.scope()) {
                    case CATEGORY -> assertThat(feed.sections()).contains(incident.subject());
                    case GROUP ->
                        assertThat(feed.sections().stream().flatMap(s -> feed.groupsOf(s).stream()))
                                .contains(incident.subject());
                    case TOTAL -> assertThat(incident.subject()).isEqualTo(Incident.WHOLE_FEED);
                    case SOURCE -> {
                        assertThat(scenario.settings().mirrors().count()).isPositive();
                        assertThat(incident.subject()).isEqualTo("mirror-1");
                    }
                    default -> throw new IllegalStateException();
                }
            }
        }
        assertThat(Scenarios.all())
                .filteredOn(s -> s.incidents().isEmpty())
                .extracting(Scenario::tolerated)
                .allSatisfy(t -> assertThat(t).isEmpty());
    }

    @Test
    void theStoppedMirrorSendsNothingForADayAndThePrimaryEverything() {
        final Scenario scenario = Scenarios.mirrorStops();
        final Instant from = scenario.incidents().get(0).start();
        final Instant to = from.plus(Duration.ofDays(1));
        final SyntheticFeed feed = new SyntheticFeed(scenario.settings().withRange(d(7, 28), d(7, 31)));
        long mirrorInside = 0;
        long mirrorOutside = 0;
        long primaryInside = 0;
        for (ReleaseAnnouncement a : feed) {
            final boolean inside = !a.getTime().isBefore(from) && a.getTime().isBefore(to);
            if (a.getSource().equals("mirror-1")) {
                mirrorInside += inside ? 1 : 0;
                mirrorOutside += inside ? 0 : 1;
            } else if (inside) {
                primaryInside++;
            }
        }

        assertThat(mirrorInside).isZero();
        assertThat(mirrorOutside).isGreaterThan(1000);
        assertThat(primaryInside).isGreaterThan(1000);
    }

    @Test
    void sparks2020ShouldFollowThePublishedFigures() {
        final Scenario scenario = Scenarios.sparks2020();
        final SyntheticFeed feed = new SyntheticFeed(scenario.settings().withRange(d(6, 1), LocalDate.of(2021, 1, 10)));
        final FeedCounts counts = new FeedCounts(feed);

        assertThat(counts.day(d(8, 19))).isCloseTo(1944, within(97));
        assertThat(counts.day(d(8, 26))).isCloseTo(168, within(25));
        assertThat(counts.days(d(8, 18), d(8, 24))).isCloseTo(12_800, within(640));
        assertThat(counts.days(d(9, 1), d(9, 7))).isCloseTo(3_700, within(185));
        assertThat(counts.days(d(9, 8), d(9, 14))).isCloseTo(4_500, within(225));
        // the first fall, on the day of the raid: about 60% of a normal Tuesday, normal until the morning
        assertThat(counts.day(d(8, 25)) / counts.sameWeekdayBefore(d(8, 25), 4)).isBetween(0.5, 0.7);
        assertThat(counts.hours(t(8, 25, 0), t(8, 25, 10)) / (double) counts.hours(t(8, 18, 0), t(8, 18, 10)))
                .isBetween(0.8, 1.2);
        // weeks before the raid are ordinary weeks: no incident before 25 Aug
        for (LocalDate monday = d(6, 1); monday.isBefore(d(8, 17)); monday = monday.plusWeeks(1)) {
            assertThat(counts.days(monday, monday.plusDays(6))).isBetween(11_500, 14_000);
        }
        // GAMES and EBOOK at zero for about a week
        assertThat(counts.sectionDays("GAMES", d(8, 26), d(9, 1))).isZero();
        assertThat(counts.sectionDays("EBOOK", d(8, 26), d(9, 2))).isZero();
        assertThat(counts.sectionHours("GAMES", t(8, 25, 12), t(8, 26, 0))).isZero();
        assertThat(counts.sectionDays("GAMES", d(9, 14), d(9, 27))).isPositive();
        // SPARKS was prolific and stops for good, as do its associated groups
        assertThat(counts.groupDays("SPARKS", d(7, 1), d(8, 24)) / 55.0).isBetween(15.0, 25.0);
        assertThat(counts.groupDays("GECKOS", d(7, 1), d(8, 24)) / 55.0).isGreaterThan(5.0);
        for (String group : StandardSections.SPARKS_FAMILY) {
            assertThat(counts.groupDays(group, d(8, 25), LocalDate.of(2021, 1, 10)))
                    .as(group)
                    .isZero();
        }
        // recovery to ~92% of the pre-raid level by early January
        final double preRaidWeek = counts.days(d(7, 27), d(8, 23)) / 4.0;
        assertThat(counts.days(LocalDate.of(2021, 1, 4), LocalDate.of(2021, 1, 10)) / preRaidWeek)
                .isBetween(0.87, 0.97);
    }

    @Test
    void sectionOutageShouldSilenceOnlyMp3ForFourDays() {
        final Scenario scenario = Scenarios.sectionOutage();
        final FeedCounts counts = new FeedCounts(scenario.feed());
        final Instant start = scenario.incidents().get(0).start();
        assertThat(start).isEqualTo(t(7, 22, 15));
        assertThat(counts.sectionHours("MP3", start, t(7, 26, 15))).isZero();
        assertThat(counts.sectionHours("MP3", t(7, 22, 0), start)).isGreaterThan(80);
        assertThat(counts.sectionHours("MP3", t(7, 26, 15), t(7, 27, 15))).isGreaterThan(100);
        for (String section : Set.of("X264", "TV-X264", "XXX", "FLAC", "EBOOK")) {
            for (LocalDate day = d(7, 23); !day.isAfter(d(7, 25)); day = day.plusDays(1)) {
                assertThat(counts.section(section, day) / counts.sectionSameWeekdayBefore(section, day, 4))
                        .as(section + " on " + day)
                        .isBetween(0.6, 1.5);
            }
        }
        assertThat(scenario.accounts(
                        Scope.GROUP, scenario.feed().groupsOf("MP3").get(0), start.plusSeconds(3600)))
                .isTrue();
        assertThat(scenario.accounts(Scope.CATEGORY, "X264", start.plusSeconds(3600)))
                .isFalse();
    }

    @Test
    void groupSilentShouldStopOneProlificGroupAndNothingElse() {
        final Scenario scenario = Scenarios.groupSilent();
        final String group = scenario.incidents().get(0).subject();
        final FeedCounts counts = new FeedCounts(scenario.feed());
        final FeedCounts normal = new FeedCounts(new SyntheticFeed(
                FeedSettings.normal(d(6, 1), d(8, 31), scenario.settings().seed())));
        assertThat(counts.groupDays(group, d(6, 8), d(7, 19)) / 42.0).isGreaterThanOrEqualTo(5.0);
        assertThat(counts.groupDays(group, d(7, 21), d(8, 31))).isZero();
        assertThat(counts.hours(t(7, 20, 0), t(7, 20, 6))).isEqualTo(normal.hours(t(7, 20, 0), t(7, 20, 6)));
        // everything else is the normal feed: the total loses only the group's own share (under 1%)
        final int after = counts.days(d(7, 20), d(8, 31));
        final int normalAfter = normal.days(d(7, 20), d(8, 31));
        assertThat((normalAfter - after) / (double) normalAfter).isBetween(0.0, 0.01);
    }

    @Test
    void feedGapShouldHaveNoEventsForFiveHoursThenNormal() {
        final Scenario scenario = Scenarios.feedGap();
        final FeedCounts counts = new FeedCounts(scenario.feed());
        final Instant start = scenario.incidents().get(0).start();
        assertThat(counts.hours(start, t(7, 29, 14))).isZero();
        assertThat(Duration.between(start, t(7, 29, 14))).isGreaterThanOrEqualTo(Duration.ofHours(4));
        assertThat(counts.hours(t(7, 29, 8), start)).isGreaterThan(40);
        assertThat(counts.hours(t(7, 29, 14), t(7, 29, 15))).isGreaterThan(40);
        assertThat(counts.day(d(7, 30)) / counts.sameWeekdayBefore(d(7, 30), 4)).isBetween(0.8, 1.2);
    }

    @Test
    void yearEndShouldBeQuietOnTheHolidaysOnly() {
        final FeedCounts counts = new FeedCounts(Scenarios.yearEnd().feed());
        final Set<LocalDate> holidays = Set.of(d(12, 24), d(12, 25), d(12, 26), d(12, 31), LocalDate.of(2021, 1, 1));
        for (LocalDate day : holidays) {
            assertThat(counts.day(day) / counts.sameWeekdayBefore(day, 3))
                    .as(day.toString())
                    .isBetween(0.4, 0.8);
        }
        for (LocalDate day = d(10, 15); day.isBefore(LocalDate.of(2021, 1, 31)); day = day.plusDays(1)) {
            if (!holidays.contains(day)
                    && !holidays.contains(day.minusWeeks(1))
                    && !holidays.contains(day.minusWeeks(2))
                    && !holidays.contains(day.minusWeeks(3))) {
                assertThat(counts.day(day) / counts.sameWeekdayBefore(day, 3))
                        .as(day.toString())
                        .isBetween(0.7, 1.35);
            }
        }
    }

    @Test
    void slowDeclineShouldLoseAQuarterWithoutAnySuddenStep() {
        final FeedCounts counts = new FeedCounts(Scenarios.slowDecline().feed());
        final double august = counts.days(d(8, 3), d(8, 30)) / 4.0;
        final double november = counts.days(d(11, 2), d(11, 29)) / 4.0;
        assertThat(november / august).isBetween(0.70, 0.80);
        for (LocalDate monday = d(8, 10); monday.isBefore(d(11, 23)); monday = monday.plusWeeks(1)) {
            final double ratio = counts.days(monday, monday.plusDays(6))
                    / (double) counts.days(monday.minusWeeks(1), monday.minusDays(1));
            // ordinary weeks differ by up to ~12%; the decline adds only ~3% a week, never a step
            assertThat(ratio).as("week of " + monday).isBetween(0.85, 1.15);
        }
    }

    @Test
    void newCategoryShouldAppearFromNothingAndGrow() {
        final Scenario scenario = Scenarios.newCategory();
        final FeedCounts counts = new FeedCounts(scenario.feed());
        assertThat(counts.sectionDays("TV-X265", d(6, 1), d(7, 14))).isZero();
        assertThat(counts.section("TV-X265", d(7, 15))).isBetween(3, 25);
        assertThat(counts.sectionDays("TV-X265", d(8, 3), d(8, 7)) / 5.0).isBetween(28.0, 55.0);
        assertThat(scenario.feed().stream()
                        .filter(r -> "TV-X265".equals(r.getSection()))
                        .findFirst()
                        .orElseThrow()
                        .getName())
                .containsPattern("\\.(2160p|1080p)\\..*[Hx]\\.?265-");
    }

    @Test
    void lowVolumeCategoriesShouldHaveAFewADayAndQuietDays() {
        final FeedCounts counts = new FeedCounts(Scenarios.lowVolume().feed());
        for (String section : Set.of("NSW", "PS4", "SUBPACK", "DOX")) {
            final double perDay = counts.sectionDays(section, d(6, 1), d(8, 31)) / 92.0;
            final long zeroDays = d(6, 1).datesUntil(d(9, 1))
                    .filter(day -> counts.section(section, day) == 0)
                    .count();
            assertThat(perDay).as(section).isBetween(0.4, 5.0);
            assertThat(zeroDays).as(section).isPositive();
        }
        final Set<String> standard =
                StandardSections.all().stream().map(SectionProfile::section).collect(Collectors.toSet());
        assertThat(standard).doesNotContain("NSW", "PS4", "SUBPACK", "DOX");
    }
}
