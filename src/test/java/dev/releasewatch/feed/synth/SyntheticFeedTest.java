package dev.releasewatch.feed.synth;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.feed.GroupName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticFeedTest {

    private static final FeedSettings DEMO = FeedSettings.normal(FeedSettings.DEMO_FROM, FeedSettings.DEMO_TO, 42);

    @Test
    void shouldBeIdenticalForTheSameSeedAndDifferForAnother() {
        final FeedSettings june = DEMO.withRange(LocalDate.of(2020, 6, 1), LocalDate.of(2020, 6, 7));
        final List<ReleaseAnnouncement> first = new SyntheticFeed(june).stream().toList();
        final List<ReleaseAnnouncement> second =
                new SyntheticFeed(june).stream().toList();
        final List<ReleaseAnnouncement> other =
                new SyntheticFeed(june.withSeed(43)).stream().toList();
        assertThat(first).isEqualTo(second);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void shouldKeepADayTheSameWhateverTheRange() {
        final LocalDate day = LocalDate.of(2020, 7, 15);
        final List<ReleaseAnnouncement> alone =
                new SyntheticFeed(DEMO.withRange(day, day)).stream().toList();
        final List<ReleaseAnnouncement> inMonth = new SyntheticFeed(DEMO.withRange(day.minusDays(10), day))
                .stream()
                        .filter(r ->
                                r.getTime().atZone(ZoneOffset.UTC).toLocalDate().equals(day))
                        .toList();
        assertThat(alone)
                .extracting(ReleaseAnnouncement::getTime)
                .isEqualTo(inMonth.stream().map(ReleaseAnnouncement::getTime).toList());
    }

    @Test
    void shouldLookLikeA2020FeedOverTheDemoRange() {
        final SyntheticFeed feed = new SyntheticFeed(DEMO);
        final Map<DayOfWeek, double[]> byWeekday = new HashMap<>();
        final Map<String, Integer> perGroup = new HashMap<>();
        final Set<String> names = new HashSet<>();
        final Set<String> sections = new HashSet<>();
        final long[] perHour = new long[24];
        Instant previous = Instant.MIN;
        long count = 0;
        for (ReleaseAnnouncement r : feed) {
            assertThat(r.getTime()).isAfterOrEqualTo(previous);
            previous = r.getTime();
            assertThat(names.add(r.getName())).as("unique name %s", r.getName()).isTrue();
            sections.add(r.getSection());
            perGroup.merge(GroupName.of(r.getName()), 1, Integer::sum);
            perHour[r.getTime().atZone(ZoneOffset.UTC).getHour()]++;
            count++;
        }
        feed.dailyTotals().forEach((day, total) -> {
            final double[] sum = byWeekday.computeIfAbsent(day.getDayOfWeek(), d -> new double[2]);
            sum[0] += total;
            sum[1]++;
        });
        final double midweek = (avg(byWeekday, DayOfWeek.TUESDAY)
                        + avg(byWeekday, DayOfWeek.WEDNESDAY)
                        + avg(byWeekday, DayOfWeek.THURSDAY))
                / 3;
        final double weekend = (avg(byWeekday, DayOfWeek.SATURDAY) + avg(byWeekday, DayOfWeek.SUNDAY)) / 2;
        final long days = feed.dailyTotals().size();

        assertThat(count).isEqualTo(feed.size());
        assertThat(midweek).isBetween(1900.0, 2100.0);
        assertThat(weekend / midweek).isBetween(0.65, 0.75);
        assertThat(count / (days / 7.0)).isBetween(12_200.0, 13_400.0);
        assertThat(sections)
                .containsExactlyInAnyOrderElementsOf(StandardSections.all().stream()
                        .map(SectionProfile::section)
                        .toList());
        assertThat(perGroup.size()).isBetween(300, 600);
        assertThat(perGroup.get("SPARKS") / (double) days).isBetween(15.0, 25.0);
        // very unequal productivity: the top 10% of groups release more than half of everything
        final List<Integer> sorted =
                perGroup.values().stream().sorted((a, b) -> b - a).toList();
        final long top = sorted.subList(0, sorted.size() / 10).stream()
                .mapToLong(Integer::longValue)
                .sum();
        assertThat(top / (double) count).isGreaterThan(0.5);
        // hour of day: the quietest hour has well under the busiest
        final long min = Arrays.stream(perHour).min().orElseThrow();
        final long max = Arrays.stream(perHour).max().orElseThrow();
        assertThat((double) min / max).isBetween(0.5, 0.85);
    }

    @Test
    void shouldHaveOverDispersedDailyTotals() {
        final SyntheticFeed feed = new SyntheticFeed(DEMO);
        final List<Double> ratios = new ArrayList<>();
        final List<Integer> midweek = new ArrayList<>();
        feed.dailyTotals().forEach((day, total) -> {
            if (day.getDayOfWeek() == DayOfWeek.WEDNESDAY) {
                midweek.add(total);
            }
        });
        final double mean =
                midweek.stream().mapToInt(Integer::intValue).average().orElseThrow();
        final double variance =
                midweek.stream().mapToDouble(t -> (t - mean) * (t - mean)).sum() / (midweek.size() - 1);
        ratios.add(variance / mean);
        // Poisson would give variance = mean; a real feed's day-to-day swings are several times that
        assertThat(variance / mean).isGreaterThan(3.0);
        assertThat(Math.sqrt(variance) / mean).isLessThan(0.15);
    }

    @Test
    void shouldAddMirrorCopiesWithSmallClockOffsetsInTimeOrder() {
        final FeedSettings settings = DEMO.withRange(LocalDate.of(2020, 6, 1), LocalDate.of(2020, 6, 3))
                .withMirrors(Mirrors.typical(2));
        final SyntheticFeed feed = new SyntheticFeed(settings);
        final Map<String, List<ReleaseAnnouncement>> byName = new HashMap<>();
        Instant previous = Instant.MIN;
        for (ReleaseAnnouncement r : feed) {
            assertThat(r.getTime()).isAfterOrEqualTo(previous);
            previous = r.getTime();
            byName.computeIfAbsent(r.getName(), n -> new ArrayList<>()).add(r);
        }
        assertThat(byName).hasSize((int) feed.size());
        final long copies =
                byName.values().stream().mapToLong(list -> list.size() - 1).sum();
        assertThat(copies / (double) feed.size()).isBetween(1.1, 1.3);
        byName.values().forEach(list -> {
            assertThat(list).filteredOn(r -> r.getSource().equals("synthetic")).hasSize(1);
            final Instant primary = list.stream()
                    .filter(r -> r.getSource().equals("synthetic"))
                    .findFirst()
                    .orElseThrow()
                    .getTime();
            list.forEach(r -> assertThat(Math.abs(r.getTime().toEpochMilli() - primary.toEpochMilli()))
                    .isLessThanOrEqualTo(110_000L));
        });
    }

    @Test
    void shouldNameReleasesInTheStyleOfTheirSection() {
        final Map<String, String> example = new HashMap<>();
        new SyntheticFeed(DEMO.withRange(LocalDate.of(2020, 6, 1), LocalDate.of(2020, 6, 2)))
                .forEach(r -> example.putIfAbsent(r.getSection(), r.getName()));
        assertThat(example.get("X264")).matches("[A-Za-z.]+\\.(19|20)\\d\\d(\\.[A-Za-z.]+)?\\.(1080p|720p)\\..+-\\w+");
        assertThat(example.get("TV-X264"))
                .matches(".+\\.(S\\d\\d(E\\d\\d)?|2020\\.\\d\\d\\.\\d\\d\\..+)\\..*(720p|1080p).+-\\w+");
        assertThat(example.get("MP3")).matches("[^.]+-[^.]+-.*20\\d\\d-\\w+");
        assertThat(example.get("EBOOK")).contains(".eBook-");
        assertThat(example.get("GAMES")).matches("[A-Za-z0-9.]+-\\w+");
        assertThat(example.get("ABOOK")).contains("-AUDIOBOOK-");
    }

    @Test
    void shouldNukeTheRequestedShareOfReleasesLaterTheSameDayWithoutChangingTheReleases() {
        final FeedSettings july = DEMO.withRange(LocalDate.of(2020, 7, 1), LocalDate.of(2020, 7, 31));
        final List<ReleaseAnnouncement> plain = new SyntheticFeed(july).stream().toList();
        final List<ReleaseAnnouncement> nuked =
                new SyntheticFeed(july.withNukes(0.02)).stream().toList();

        assertThat(nuked.stream().filter(r -> r.getKind() == EventKind.RELEASE).toList())
                .isEqualTo(plain);
        final Map<String, ReleaseAnnouncement> releases = new HashMap<>();
        plain.forEach(r -> releases.put(r.getName(), r));
        final List<ReleaseAnnouncement> nukes =
                nuked.stream().filter(r -> r.getKind() == EventKind.NUKE).toList();
        assertThat(nukes.size() / (double) plain.size()).isBetween(0.016, 0.02);
        assertThat(nukes).allSatisfy(n -> {
            final ReleaseAnnouncement release = releases.get(n.getName());
            assertThat(n.getTime()).isAfter(release.getTime());
            assertThat(n.getTime().atZone(ZoneOffset.UTC).toLocalDate())
                    .isEqualTo(release.getTime().atZone(ZoneOffset.UTC).toLocalDate());
            assertThat(n.getReason()).isNotBlank();
        });
        final Map<String, Instant> nukedAt = new HashMap<>();
        nukes.forEach(n -> nukedAt.put(n.getName(), n.getTime()));
        final List<ReleaseAnnouncement> unnukes =
                nuked.stream().filter(r -> r.getKind() == EventKind.UNNUKE).toList();
        assertThat(unnukes).isNotEmpty().allSatisfy(u -> assertThat(u.getTime()).isAfter(nukedAt.get(u.getName())));
        assertThat(nuked).isSortedAccordingTo(Comparator.comparing(ReleaseAnnouncement::getTime));
    }

    @Test
    void shouldGenerateAFullVolumeFeedOfMoreThanThreeHundredThousandEvents() {
        // its speed is reported by the generate command, not asserted here
        final SyntheticFeed feed = new SyntheticFeed(DEMO.withVolume(1.1));
        long count = 0;
        final Iterator<ReleaseAnnouncement> it = feed.iterator();
        while (it.hasNext()) {
            it.next();
            count++;
        }
        assertThat(count).isEqualTo(feed.size()).isGreaterThan(300_000);
    }

    private static double avg(final Map<DayOfWeek, double[]> sums, final DayOfWeek day) {
        return sums.get(day)[0] / sums.get(day)[1];
    }
}
